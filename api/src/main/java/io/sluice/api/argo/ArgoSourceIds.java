package io.sluice.api.argo;

import io.sluice.api.ObjectRef;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ids of the implicit sources that an Argo CD Application (argoproj.io/v1alpha1) names inline
 * through {@code repoURL}: source-service publishes artifacts under them, render-service finds an
 * Application's artifacts by them. Every Application naming the same repository at the same
 * revision shares one source.
 * <ul>
 * <li>Git: {@code source.toolkit.fluxcd.io/GitRepository//argocd-<h>}, {@code <h>} the first 12 hex
 * digits of sha256(repositoryKey(repoURL) + "\n" + revision(targetRevision));</li>
 * <li>Helm chart: {@code source.toolkit.fluxcd.io/HelmChart//argocd-<chart>-<h>}, {@code <h>} from
 * sha256("<repoURL without trailing slashes>\n<chart>\n<targetRevision trimmed, empty when absent>");</li>
 * <li>Helm repository: {@code source.toolkit.fluxcd.io/HelmRepository//argocd-<h>}, {@code <h>} from
 * sha256 of the repoURL without trailing slashes.</li>
 * </ul>
 * Reading an Application computes each source's id once ({@link ApplicationSource#origin()}); the
 * formulas must not change, since artifacts are published and found under these ids.
 */
public final class ArgoSourceIds {
    public static final String SOURCE_API_VERSION = "source.toolkit.fluxcd.io/v1";
    /** The targetRevision that names the repository's default branch. */
    public static final String HEAD = "HEAD";
    private static final int HASH_DIGITS = 12;
    /**
     * scp-like SSH, {@code [user@]host:path}, as Git and Argo CD read it: the first colon ends the host
     * (a user holds no colon), and a path starting with "//" would make it a URL. Groups: the user and
     * host, the host, the path.
     */
    private static final Pattern SCP_LIKE = Pattern.compile("^((?:[^@/:]+@)?([^:/]+)):(?!//)(.+)$");
    /** The URL schemes Sluice fetches Git repositories over. */
    private static final Set<String> GIT_SCHEMES = Set.of("http", "https", "ssh", "git", "file");

    /** The implicit Git source for {@code repoUrl} at {@code targetRevision}; empty when the URL names no repository. */
    public static Optional<ObjectRef> gitSource(String repoUrl, String targetRevision) {
        return repositoryKey(repoUrl).map(repository -> new ObjectRef(SOURCE_API_VERSION, "GitRepository", "",
                "argocd-" + hash(repository + "\n" + revision(targetRevision))));
    }

    /** The chart source shared by every Application asking for {@code chart} of {@code repoUrl} at this targetRevision. */
    public static ObjectRef helmChartSource(String repoUrl, String chart, String targetRevision) {
        String revision = targetRevision == null ? "" : targetRevision.trim();
        String name = "argocd-" + chart.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-") + "-"
                + hash(withoutTrailingSlash(repoUrl) + "\n" + chart + "\n" + revision);
        return new ObjectRef(SOURCE_API_VERSION, "HelmChart", "", name);
    }

    /** The Helm repository shared by every chart source of {@code repoUrl}. */
    public static ObjectRef helmRepository(String repoUrl) {
        return new ObjectRef(SOURCE_API_VERSION, "HelmRepository", "", "argocd-" + hash(withoutTrailingSlash(repoUrl)));
    }

    /**
     * The one form a repository URL is compared in, whichever way it is spelled: https://host/org/repo,
     * http://host:8080/org/repo.git/, ssh://git@host:22/org/repo.git and git@host:org/repo.git all
     * become {@code host/org/repo}. As in Argo CD, scheme, user, port and case do not count, nor a
     * ".git" suffix or a trailing slash. Empty when the URL names no repository.
     */
    public static Optional<String> repositoryKey(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        String text = url.trim();
        String host;
        String path;
        Matcher scp = SCP_LIKE.matcher(text);
        if (!text.contains("://") && scp.matches()) {
            host = scp.group(2);
            path = scp.group(3);
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

    /**
     * The URL to fetch the Git repository {@code repoUrl} from: as written (trimmed), with an scp-like
     * address turned into the ssh:// URL it means (JGit and the credentials need it); empty when it is
     * not an https, http, ssh, git or file URL.
     */
    public static Optional<String> gitFetchUrl(String repoUrl) {
        if (repoUrl == null || repoUrl.isBlank()) {
            return Optional.empty();
        }
        String text = repoUrl.trim();
        Matcher scp = SCP_LIKE.matcher(text);
        String url = !text.contains("://") && scp.matches() ? "ssh://" + scp.group(1) + "/" + scp.group(3) : text;
        try {
            String scheme = new URI(url).getScheme();
            return scheme != null && GIT_SCHEMES.contains(scheme) ? Optional.of(url) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code url} is an http:// or https:// URL with a host: the Helm repositories Sluice reads. */
    public static boolean isHttpRepository(String url) {
        try {
            URI uri = new URI(url.trim());
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The targetRevision as the Git id reads it: trimmed, and HEAD (the default branch) when empty or absent. */
    public static String revision(String targetRevision) {
        String trimmed = targetRevision == null ? "" : targetRevision.trim();
        return trimmed.isEmpty() ? HEAD : trimmed;
    }

    private static String withoutTrailingSlash(String url) {
        return url.replaceAll("/+$", "");
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ArgoSourceIds() {
    }
}
