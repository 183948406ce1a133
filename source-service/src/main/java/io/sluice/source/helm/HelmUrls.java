package io.sluice.source.helm;

import java.net.URI;
import java.util.Objects;

/** Where a Helm repository keeps its index and charts, as Helm computes it. */
final class HelmUrls {

    /** {@code <repository>/index.yaml}, whether or not the repository URL ends with a slash. */
    static URI index(String repositoryUrl) {
        return URI.create(withoutTrailingSlash(repositoryUrl) + "/index.yaml");
    }

    /** An index entry's URL: absolute as written, or relative to the repository (Helm's rule). */
    static URI chart(String repositoryUrl, String entryUrl) {
        URI base = URI.create(withoutTrailingSlash(repositoryUrl) + "/");
        return base.resolve(URI.create(entryUrl.trim()));
    }

    /** Credentials go only where the repository is: same scheme, host and port (Flux without passCredentials). */
    static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(a.getScheme(), b.getScheme()) && Objects.equals(a.getHost(), b.getHost())
                && port(a) == port(b);
    }

    static String withoutTrailingSlash(String url) {
        return url.replaceAll("/+$", "");
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equals(uri.getScheme()) ? 443 : 80;
    }

    private HelmUrls() {
    }
}
