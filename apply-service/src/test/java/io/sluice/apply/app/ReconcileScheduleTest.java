package io.sluice.apply.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.api.argo.SyncPolicy;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

/** The wait before each retry of a failing application. */
class ReconcileScheduleTest {

    @Test
    void doublesForEachFailureInARowUpToTheCap() {
        Duration first = Duration.ofSeconds(5);
        Duration cap = Duration.ofMinutes(1);
        assertEquals(Duration.ofSeconds(5), ReconcileSchedule.backoff(first, 2, 1, cap));
        assertEquals(Duration.ofSeconds(10), ReconcileSchedule.backoff(first, 2, 2, cap));
        assertEquals(Duration.ofSeconds(40), ReconcileSchedule.backoff(first, 2, 4, cap));
        assertEquals(cap, ReconcileSchedule.backoff(first, 2, 5, cap));
        assertEquals(cap, ReconcileSchedule.backoff(first, 2, 10_000, cap));
    }

    @Test
    void followsArgoCdsFactorAndMaxDuration() {
        // The seed's retry: duration 5s, factor 2, maxDuration 3m.
        Duration first = Duration.ofSeconds(5);
        Duration max = Duration.ofMinutes(3);
        assertEquals(Duration.ofSeconds(5), ReconcileSchedule.backoff(first, 2, 1, max));
        assertEquals(Duration.ofSeconds(80), ReconcileSchedule.backoff(first, 2, 5, max));
        assertEquals(Duration.ofSeconds(160), ReconcileSchedule.backoff(first, 2, 6, max));
        assertEquals(max, ReconcileSchedule.backoff(first, 2, 7, max));
        assertEquals(Duration.ofSeconds(45), ReconcileSchedule.backoff(first, 3, 3, max));
        assertEquals(first, ReconcileSchedule.backoff(first, 1, 9, max));
    }

    @Test
    void stopsAfterTheLimitOfRetriesUntilTheCountRestarts() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            ReconcileSchedule schedule = new ReconcileSchedule(timer, id -> {
            }, Duration.ofSeconds(30));
            ReconcileOutcome failed = new ReconcileOutcome(true, Duration.ofMinutes(3), Duration.ofSeconds(5),
                    new SyncPolicy.Retry(2, Duration.ofSeconds(5), 2, Duration.ofMinutes(3), false));
            assertEquals(0, schedule.after("app", failed), "first failure: retry 1 planned");
            assertEquals(0, schedule.after("app", failed), "retry 1 failed: retry 2 planned");
            assertEquals(3, schedule.after("app", failed), "retry 2 failed: the limit of 2 retries is reached");
            schedule.restartCount("app");
            assertEquals(0, schedule.after("app", failed), "new inputs: retried again");
            ReconcileOutcome unlimited = new ReconcileOutcome(true, null, Duration.ofSeconds(5),
                    new SyncPolicy.Retry(-1, Duration.ofSeconds(5), 2, Duration.ofMinutes(3), false));
            for (int i = 0; i < 20; i++) {
                assertEquals(0, schedule.after("other", unlimited), "a negative limit retries for ever");
            }
        } finally {
            timer.shutdownNow();
        }
    }
}
