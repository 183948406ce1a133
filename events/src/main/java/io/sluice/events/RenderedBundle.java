package io.sluice.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The objects one application renders to at one source revision, on
 * {@link Topics#MANIFESTS_RENDERED}, keyed by the application id. A bundle with errors carries
 * no objects and must never cause a prune: the last good state stays applied.
 *
 * <p>Version 2: Secrets travel sealed ({@link io.sluice.events.seal.SecretSeal}), and a large
 * bundle carries a {@link ClaimCheck} instead of its objects; {@code digest} is always that of the
 * plain objects (keyed for Secrets), so an unchanged render keeps its digest.
 */
public record RenderedBundle(int schemaVersion, String appId, String sourceId, String revision, String digest,
        List<Map<String, Object>> objects, List<String> errors, Instant time, ClaimCheck claimCheck,
        CommitTrace trace) implements Message {
    public static final int VERSION = 2;

    /** A bundle whose objects travel inline, as every version 1 bundle did. */
    public RenderedBundle(int schemaVersion, String appId, String sourceId, String revision, String digest,
            List<Map<String, Object>> objects, List<String> errors, Instant time) {
        this(schemaVersion, appId, sourceId, revision, digest, objects, errors, time, null, null);
    }

    public static RenderedBundle ok(String appId, String sourceId, String revision, String digest,
            List<Map<String, Object>> objects, Instant time) {
        return new RenderedBundle(VERSION, appId, sourceId, revision, digest, objects, List.of(), time);
    }

    public static RenderedBundle failed(String appId, String sourceId, String revision, List<String> errors,
            Instant time) {
        return new RenderedBundle(VERSION, appId, sourceId, revision, null, List.of(), errors, time);
    }

    /** The same bundle with its objects left out, to be fetched by {@code claimCheck}. */
    public RenderedBundle withClaimCheck(ClaimCheck check) {
        return new RenderedBundle(schemaVersion, appId, sourceId, revision, digest, List.of(), errors, time, check,
                trace);
    }

    /** The same bundle carrying {@code inline} objects (fetched or unsealed), without a claim check. */
    public RenderedBundle withObjects(List<Map<String, Object>> inline) {
        return new RenderedBundle(schemaVersion, appId, sourceId, revision, digest, inline, errors, time, null,
                trace);
    }

    /** The same bundle carrying the trace of the commit it was rendered from. */
    public RenderedBundle withTrace(CommitTrace commit) {
        return new RenderedBundle(schemaVersion, appId, sourceId, revision, digest, objects, errors, time, claimCheck,
                commit);
    }

    public boolean failed() {
        return errors != null && !errors.isEmpty();
    }
}
