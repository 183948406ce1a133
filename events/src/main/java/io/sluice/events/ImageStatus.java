package io.sluice.events;

import io.sluice.api.ObjectRef;
import java.time.Instant;
import java.util.List;

/**
 * Where an image object stands, on {@link Topics#IMAGE_STATUS}, keyed by its id: an ImageRepository's
 * last scan, an ImagePolicy's choice, an ImageUpdateAutomation's last run. Published by the instance
 * that owns the object, when it changes, so a new owner and the CLI read it from the topic.
 *
 * @param ready whether the last attempt succeeded
 * @param reason why not, in Flux's words (a {@code Reasons} constant), or the success reason
 * @param message what happened, for a person (never a secret)
 * @param time when the last attempt ended
 * @param scan an ImageRepository's last successful scan; null for other kinds or before one
 * @param latest an ImagePolicy's choice; null for other kinds or while none
 * @param lastPush an ImageUpdateAutomation's last pushed commit; null for other kinds or before one
 */
public record ImageStatus(int schemaVersion, ObjectRef ref, boolean ready, String reason, String message,
        Instant time, Scan scan, ImageLatest latest, Push lastPush) implements Message {
    public static final int VERSION = 1;

    /**
     * @param time when the registry was last listed
     * @param tagCount how many tags count (after spec.exclusionList)
     * @param latestTags the newest few tags, as Flux's {@code status.lastScanResult.latestTags} lists them
     */
    public record Scan(Instant time, int tagCount, List<String> latestTags) {
    }

    /**
     * @param commit the commit pushed
     * @param branch the branch it was pushed to
     * @param time when it was pushed
     */
    public record Push(String commit, String branch, Instant time) {
    }

    public static ImageStatus of(ObjectRef ref, boolean ready, String reason, String message, Instant time, Scan scan,
            ImageLatest latest, Push lastPush) {
        return new ImageStatus(VERSION, ref, ready, reason, message, time, scan, latest, lastPush);
    }
}
