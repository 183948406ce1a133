package io.sluice.events;

import java.time.Instant;

/**
 * The newest image an image policy allows, on {@link Topics#IMAGE_POLICIES}, keyed by the policy id:
 * Flux's ImagePolicy {@code status.latestRef}.
 *
 * @param image the image name, without tag ({@code registry/repository})
 * @param tag the tag chosen, as the registry lists it (not the value a filter extracted from it)
 * @param digest the manifest digest of that tag ({@code sha256:…}) when the registry gave one; null otherwise
 */
public record ImageLatest(int schemaVersion, String policyId, String image, String tag, String digest, Instant time)
        implements Message {
    public static final int VERSION = 1;

    public static ImageLatest of(String policyId, String image, String tag, String digest, Instant time) {
        return new ImageLatest(VERSION, policyId, image, tag, digest, time);
    }

    /** {@code image:tag}, as a pod spec names it. */
    public String reference() {
        return image + ":" + tag;
    }
}
