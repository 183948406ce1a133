package io.sluice.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The objects one application renders to at one source revision, on
 * {@link Topics#MANIFESTS_RENDERED}, keyed by the application id. A bundle with errors carries
 * no objects and must never cause a prune: the last good state stays applied.
 */
public record RenderedBundle(int schemaVersion, String appId, String sourceId, String revision, String digest,
        List<Map<String, Object>> objects, List<String> errors, Instant time) implements Message {
    public static final int VERSION = 1;

    public static RenderedBundle ok(String appId, String sourceId, String revision, String digest,
            List<Map<String, Object>> objects, Instant time) {
        return new RenderedBundle(VERSION, appId, sourceId, revision, digest, objects, List.of(), time);
    }

    public static RenderedBundle failed(String appId, String sourceId, String revision, List<String> errors,
            Instant time) {
        return new RenderedBundle(VERSION, appId, sourceId, revision, null, List.of(), errors, time);
    }

    public boolean failed() {
        return errors != null && !errors.isEmpty();
    }
}
