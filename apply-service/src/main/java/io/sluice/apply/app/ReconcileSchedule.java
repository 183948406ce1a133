package io.sluice.apply.app;

import io.sluice.api.argo.SyncPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * When each application is reconciled again without new inputs. After a success, after its
 * spec.interval: the periodic drift check of Flux, which also catches what no watch saw. After a
 * failure, after its spec.retryInterval, then longer for each further failure in a row: with an
 * Argo CD retry policy, times its factor, at most its maxDuration, and no more retries than its
 * limit; without one, doubled and capped at the larger of the interval and the retry interval, so
 * a broken application does not hammer the API server. New inputs or a user's command start the
 * count again. One timer per application: a new outcome replaces the last.
 */
final class ReconcileSchedule {
    private final ScheduledExecutorService timer;
    private final Consumer<String> reconcile;
    private final Duration defaultRetry;
    private final Map<String, ScheduledFuture<?>> next = new ConcurrentHashMap<>();
    private final Map<String, Integer> failuresInARow = new ConcurrentHashMap<>();

    /** {@code reconcile} is called with the application's id; {@code defaultRetry} serves an outcome that names none. */
    ReconcileSchedule(ScheduledExecutorService timer, Consumer<String> reconcile, Duration defaultRetry) {
        this.timer = timer;
        this.reconcile = reconcile;
        this.defaultRetry = defaultRetry;
    }

    /**
     * Plans the next reconcile after {@code outcome}; returns the number of failures in a row when
     * that exceeds the retry limit, so that nothing is planned until new inputs, else 0.
     */
    int after(String appId, ReconcileOutcome outcome) {
        if (!outcome.failed()) {
            failuresInARow.remove(appId);
            schedule(appId, outcome.interval());
            return 0;
        }
        int failures = failuresInARow.merge(appId, 1, Integer::sum);
        Duration first = outcome.retryInterval() == null ? defaultRetry : outcome.retryInterval();
        SyncPolicy.Retry retry = outcome.retry();
        if (retry == null) {
            Duration cap = outcome.interval() == null || outcome.interval().compareTo(first) < 0 ? first
                    : outcome.interval();
            schedule(appId, backoff(first, 2, failures, cap));
            return 0;
        }
        if (retry.limit() >= 0 && failures > retry.limit()) {
            schedule(appId, null);
            return failures;
        }
        schedule(appId, backoff(first, retry.factor(), failures, retry.maxDuration()));
        return 0;
    }

    /** Plans nothing more for an application handed over to another instance. */
    void forget(String appId) {
        failuresInARow.remove(appId);
        schedule(appId, null);
    }

    /** New inputs or a user's command: the failures before them no longer count towards the retry limit. */
    void restartCount(String appId) {
        failuresInARow.remove(appId);
    }

    /** {@code first} × factor^(failures − 1), at most {@code cap}. */
    static Duration backoff(Duration first, int factor, int failures, Duration cap) {
        Duration delay = first;
        for (int i = 1; i < failures && delay.compareTo(cap) < 0; i++) {
            delay = delay.multipliedBy(factor);
        }
        return delay.compareTo(cap) > 0 ? cap : delay;
    }

    /** Reconciles {@code appId} after {@code delay}, in place of any reconcile planned before; null plans none. */
    private void schedule(String appId, Duration delay) {
        ScheduledFuture<?> planned = delay == null ? null
                : timer.schedule(() -> reconcile.accept(appId), delay.toMillis(), TimeUnit.MILLISECONDS);
        ScheduledFuture<?> previous = planned == null ? next.remove(appId) : next.put(appId, planned);
        if (previous != null) {
            previous.cancel(false);
        }
    }
}
