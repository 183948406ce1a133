package io.sluice.source;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread pools of the service's background work, with named daemon threads so that they never hold up shutdown. */
public final class SourceThreads {

    /** A pool of {@code threads} threads named "{@code name}-1", "{@code name}-2", ... */
    public static ScheduledExecutorService pool(String name, int threads) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newScheduledThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    private SourceThreads() {
    }
}
