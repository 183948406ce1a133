package io.sluice.render.reconcile;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Runs renders one at a time on a worker thread of its own, so the Kafka poll threads never wait
 * on a render. An application asked for again while it still waits is queued once: the render
 * reads the latest inputs when it runs, so order per application is kept and no change is lost.
 */
public final class RenderQueue implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RenderQueue.class);

    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "render-worker");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();
    private final Consumer<String> reconcile;

    public RenderQueue(Consumer<String> reconcile) {
        this.reconcile = reconcile;
    }

    /** Runs {@code step} before any application queued after it. */
    public void runFirst(Runnable step) {
        worker.execute(step);
    }

    public void submit(String appId) {
        if (!waiting.add(appId)) {
            return;
        }
        try {
            worker.execute(() -> {
                waiting.remove(appId);
                try {
                    reconcile.accept(appId);
                } catch (RuntimeException e) {
                    LOG.errorf(e, "render %s: cannot complete", appId);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debugf("render %s not queued: shutting down", appId);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
