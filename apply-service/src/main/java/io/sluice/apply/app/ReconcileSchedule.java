package io.sluice.apply.app;

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
 * failure, after its spec.retryInterval, doubled for each further failure in a row and capped at
 * the larger of the interval and the retry interval, so a broken application does not hammer the
 * API server. One timer per application: a new outcome replaces the last.
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

    void after(String appId, Outcome outcome) {
        if (!outcome.failed()) {
            failuresInARow.remove(appId);
            schedule(appId, outcome.interval());
            return;
        }
        int failures = failuresInARow.merge(appId, 1, Integer::sum);
        Duration first = outcome.retryInterval() == null ? defaultRetry : outcome.retryInterval();
        Duration cap = outcome.interval() == null || outcome.interval().compareTo(first) < 0 ? first
                : outcome.interval();
        schedule(appId, backoff(first, failures, cap));
    }

    /** Plans nothing more for an application handed over to another instance. */
    void forget(String appId) {
        failuresInARow.remove(appId);
        schedule(appId, null);
    }

    /** {@code first} × 2^(failures − 1), at most {@code cap}. */
    static Duration backoff(Duration first, int failures, Duration cap) {
        Duration delay = first;
        for (int i = 1; i < failures && delay.compareTo(cap) < 0; i++) {
            delay = delay.multipliedBy(2);
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
