package io.sluice.apply.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The wait before each retry of a failing application. */
class ReconcileScheduleTest {

    @Test
    void doublesForEachFailureInARowUpToTheCap() {
        Duration first = Duration.ofSeconds(5);
        Duration cap = Duration.ofMinutes(1);
        assertEquals(Duration.ofSeconds(5), ReconcileSchedule.backoff(first, 1, cap));
        assertEquals(Duration.ofSeconds(10), ReconcileSchedule.backoff(first, 2, cap));
        assertEquals(Duration.ofSeconds(40), ReconcileSchedule.backoff(first, 4, cap));
        assertEquals(cap, ReconcileSchedule.backoff(first, 5, cap));
        assertEquals(cap, ReconcileSchedule.backoff(first, 10_000, cap));
    }
}
