package io.sluice.api.source;

import io.sluice.api.meta.RedactedUrl;
import io.sluice.api.read.Node;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The URL a source is fetched from: required, with a scheme Sluice can fetch. Messages quote it only
 * when it has a scheme, without its user information ({@link RedactedUrl}): a URL written without
 * one may still hold credentials that RedactedUrl would not find.
 */
final class RepositoryUrl {
    /** {@code user@host:path}: the scp-like SSH form Git accepts and Flux does not. */
    private static final Pattern SCP_LIKE = Pattern.compile("[^/@:\\s]+@[^/:\\s]+:.*");

    /**
     * The URL of {@code field}; null when missing or not one Sluice can fetch (then an error saying
     * it must be {@code expected}). {@code hostRequired}: the URL must name a host.
     */
    static String read(Node field, List<String> schemes, boolean hostRequired, String expected) {
        String url = field.requiredString();
        if (url == null) {
            return null;
        }
        if (schemes.contains("ssh") && !url.contains("://") && SCP_LIKE.matcher(url).matches()) {
            field.error("must be an ssh:// URL for SSH (ssh://user@host/path), not the scp-like form"
                    + " user@host:path");
            return null;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            field.error("is not a valid URL (" + e.getReason() + (e.getIndex() < 0 ? "" : " at character "
                    + (e.getIndex() + 1)) + ")");
            return null;
        }
        // Opaque: "git:user@host/path", a scheme without "//" that Git does not read as a URL.
        if (uri.getScheme() == null || uri.isOpaque() || !schemes.contains(uri.getScheme())
                || hostRequired && uri.getHost() == null) {
            field.error("must be " + expected + (url.contains("://") ? ", not '" + RedactedUrl.of(url) + "'" : ""));
            return null;
        }
        return url;
    }

    private RepositoryUrl() {
    }
}
