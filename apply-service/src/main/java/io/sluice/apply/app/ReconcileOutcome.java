package io.sluice.apply.app;

import io.sluice.api.argo.SyncPolicy;
import java.time.Duration;

/**
 * When the worker reconciles an application again unless new inputs come first: after
 * {@code interval} (null: only on new inputs), or after a failure, after {@code retryInterval}
 * with backoff (null: the service's default) as {@code retry} says (null: doubling, no limit).
 */
public record ReconcileOutcome(boolean failed, Duration interval, Duration retryInterval, SyncPolicy.Retry retry) {
    public ReconcileOutcome(boolean failed, Duration interval, Duration retryInterval) {
        this(failed, interval, retryInterval, null);
    }

    static ReconcileOutcome idle() {
        return new ReconcileOutcome(false, null, null);
    }

    static ReconcileOutcome of(boolean failed, ApplyPolicy policy) {
        return new ReconcileOutcome(failed, policy.interval(), policy.retryInterval(),
                policy.readiness() == null ? null : policy.readiness().retry());
    }

    /** Not failed, but to be looked at again after {@code delay}: an application waiting for its dependencies. */
    static ReconcileOutcome again(Duration delay) {
        return new ReconcileOutcome(false, delay, null);
    }
}
