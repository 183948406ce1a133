package io.sluice.source.helm;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A username and password from a HelmRepository's secretRef. {@link #toString()} names only the
 * secret they came from, so they cannot leak through a log line or a message.
 */
record BasicAuth(String secret, String username, String password) {
    String header() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "credentials of secret " + secret + " (values hidden)";
    }
}
