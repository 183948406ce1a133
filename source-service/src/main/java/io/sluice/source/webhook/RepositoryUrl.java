package io.sluice.source.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one form of a repository URL that pushes and GitRepositories are compared in, whichever way
 * each spells it: https://host/org/repo, http://host:8080/org/repo.git/, ssh://git@host:22/org/repo.git
 * and git@host:org/repo.git all become {@code host/org/repo}. As in Argo CD, scheme, user, port and
 * case do not count, nor a ".git" suffix or a trailing slash.
 */
public final class RepositoryUrl {
    /** scp-like SSH: [user@]host:path, where the path does not start with "//" (that would be a URL). */
    private static final Pattern SCP_LIKE = Pattern.compile("^(?:[^@/]+@)?([^:/]+):(?!//)(.+)$");

    public static Optional<String> key(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        String text = url.trim();
        String host;
        String path;
        Matcher scp = SCP_LIKE.matcher(text);
        if (!text.contains("://") && scp.matches()) {
            host = scp.group(1);
            path = scp.group(2);
        } else {
            try {
                URI uri = new URI(text);
                host = uri.getHost() == null ? "" : uri.getHost();
                path = uri.getPath() == null ? "" : uri.getPath();
            } catch (URISyntaxException e) {
                return Optional.empty();
            }
        }
        path = path.replaceAll("/+$", "").replaceAll("^/+", "");
        if (path.endsWith(".git")) {
            path = path.substring(0, path.length() - ".git".length());
        }
        return path.isEmpty() ? Optional.empty() : Optional.of((host + "/" + path).toLowerCase(Locale.ROOT));
    }

    private RepositoryUrl() {
    }
}
