package io.sluice.apply.app;

import io.sluice.api.ObjectRef;
import io.sluice.api.argo.SyncPolicy;
import java.time.Duration;
import java.util.List;

/**
 * What an application waits for before and after it is applied, and how often a failure is retried.
 *
 * @param dependsOn applications (their config refs) that must be Ready before this one is applied
 * @param waitAll whether every applied object must be healthy before the application is Ready (Flux
 *        spec.wait; spec.healthChecks are then not needed, as in Flux)
 * @param healthChecks objects, in the bundle or not, that must be healthy before it is Ready
 * @param timeout how long objects may take to become healthy before the reconcile counts as failed
 * @param retry Argo CD's syncPolicy.retry: at most {@code limit} retries after the first failure
 *        (negative: no limit), the n-th after {@code retryInterval × factor^(n−1)}, at most
 *        {@code maxDuration}; null: retried without limit, doubling {@link ApplyPolicy#retryInterval()}
 *        up to the larger of it and the interval
 */
public record Readiness(List<ObjectRef> dependsOn, boolean waitAll, List<ObjectRef> healthChecks, Duration timeout,
        SyncPolicy.Retry retry) {

    public Readiness {
        dependsOn = List.copyOf(dependsOn);
        healthChecks = List.copyOf(healthChecks);
    }

    /** Whether the application is Ready only once objects are healthy. */
    boolean waitsForHealth() {
        return waitAll || !healthChecks.isEmpty();
    }
}
