package io.sluice.render.helm;

import java.util.Collection;
import java.util.Map;

/**
 * A HelmRelease's merged values, and the values that came from Secrets: those are never written
 * to a log, an event or an error, so messages are cleaned of them with {@link #redact}.
 */
public record ReleaseValues(Map<String, Object> values, Collection<String> secretValues) {

    public String redact(String message) {
        String clean = message;
        for (String secret : secretValues) {
            if (!secret.isBlank()) {
                clean = clean.replace(secret, "***");
            }
        }
        return clean;
    }
}
