package io.sluice.events;

import java.time.Instant;

/** The newest image an image policy allows, on {@link Topics#IMAGE_POLICIES}, keyed by the policy id. */
public record ImageLatest(int schemaVersion, String policyId, String image, String tag, Instant time)
        implements Message {
    public static final int VERSION = 1;

    public static ImageLatest of(String policyId, String image, String tag, Instant time) {
        return new ImageLatest(VERSION, policyId, image, tag, time);
    }
}
