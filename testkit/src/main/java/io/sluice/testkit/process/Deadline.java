package io.sluice.testkit.process;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for a condition with a deadline instead of sleeping and hoping. */
public final class Deadline {
    /**
     * Polls {@code check} until it returns a non-null value, or fails after {@code timeout} with
     * {@code what} and the last value of {@code describe} in the message.
     */
    public static <T> T await(String what, Duration timeout, Supplier<T> check, Supplier<String> describe) {
        long end = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (true) {
            try {
                T value = check.get();
                if (value != null) {
                    return value;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() > end) {
                String state = describe == null ? "" : "; last seen: " + describe.get();
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what + state
                        + (last == null ? "" : "; last error: " + last), last);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    public static void until(String what, Duration timeout, Supplier<Boolean> condition) {
        await(what, timeout, () -> condition.get() ? Boolean.TRUE : null, null);
    }

    private Deadline() {
    }
}
