package io.sluice.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One commit's way through the stages: its W3C trace context, so that every stage's span joins the
 * commit's trace, and when the commit arrived (webhook or poll) and each stage finished with it.
 * source-service starts it on the artifact, render-service carries it onto the bundle and
 * apply-service onto the sync it records; {@code sluice app get} prints {@link #summary()}, so the
 * figures need no tracing backend. A stage that has not finished yet is null.
 */
public record CommitTrace(String traceparent, Instant arrived, Instant sourced, Instant rendered, Instant applied) {
    public static CommitTrace arrived(String traceparent, Instant at) {
        return new CommitTrace(traceparent, at, null, null, null);
    }

    /** The artifact of the commit was published. */
    public CommitTrace sourced(Instant at) {
        return new CommitTrace(traceparent, arrived, at, rendered, applied);
    }

    /** The bundle of the commit was published. */
    public CommitTrace rendered(Instant at) {
        return new CommitTrace(traceparent, arrived, sourced, at, applied);
    }

    /** The bundle was applied: the sync is over. */
    public CommitTrace applied(Instant at) {
        return new CommitTrace(traceparent, arrived, sourced, rendered, at);
    }

    /** The same times under another stage's span, so that the next stage's span is its child. */
    public CommitTrace withTraceparent(String context) {
        return new CommitTrace(context, arrived, sourced, rendered, applied);
    }

    /**
     * How long each stage took from the commit's arrival, as in {@code source 120 ms, render 310 ms,
     * apply 840 ms, total 1.3 s}; stages not finished are left out, and so is the total then.
     */
    public String summary() {
        List<String> parts = new ArrayList<>();
        Instant from = arrived;
        Instant[] ends = {sourced, rendered, applied};
        String[] names = {"source", "render", "apply"};
        for (int i = 0; i < ends.length && from != null && ends[i] != null; i++) {
            parts.add(names[i] + " " + shown(Duration.between(from, ends[i])));
            from = ends[i];
        }
        if (arrived != null && applied != null && parts.size() == ends.length) {
            parts.add("total " + shown(Duration.between(arrived, applied)));
        }
        return String.join(", ", parts);
    }

    /** Milliseconds below ten seconds, tenths of seconds above: as a person reads a duration. */
    static String shown(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        if (millis < 1000) {
            return millis + " ms";
        }
        return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
