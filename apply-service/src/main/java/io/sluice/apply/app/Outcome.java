package io.sluice.apply.app;

import java.time.Duration;

/**
 * When the worker reconciles an application again unless new inputs come first: after
 * {@code interval} (null: only on new inputs), or after a failure, after {@code retryInterval}
 * with backoff (null: the service's default).
 */
public record Outcome(boolean failed, Duration interval, Duration retryInterval) {
    static Outcome idle() {
        return new Outcome(false, null, null);
    }

    static Outcome of(boolean failed, AppSpec spec) {
        return new Outcome(failed, spec.interval(), spec.retryInterval());
    }
}
