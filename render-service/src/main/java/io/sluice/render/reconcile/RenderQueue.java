package io.sluice.render.reconcile;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Runs renders on a fixed pool of worker threads, so the Kafka poll threads never wait on a render
 * and a slow render holds one worker only (every render has a time limit). One application is
 * never rendered twice at once: asked for again while it waits, it is queued once; asked for while
 * it renders, it renders once more afterwards. Each render reads the latest inputs when it starts,
 * so order per application is kept, the latest inputs win and no change is lost. Applications this
 * instance gives up are {@linkplain #release released}: their queued renders dropped, their running
 * ones finished.
 */
public final class RenderQueue implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RenderQueue.class);

    private enum State { QUEUED, RUNNING, RUNNING_AGAIN }

    private final ExecutorService workers;
    private final Consumer<String> reconcile;
    private final Map<String, State> active = new ConcurrentHashMap<>();
    /** Applications asked for before the first step ended. */
    private final Set<String> held = new LinkedHashSet<>();
    private boolean started;

    public RenderQueue(int workerCount, Consumer<String> reconcile) {
        AtomicInteger number = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(workerCount, task -> {
            Thread thread = new Thread(task, "render-worker-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.reconcile = reconcile;
    }

    /** Runs {@code step} before any application is rendered. */
    public void runFirst(Runnable step) {
        workers.execute(() -> {
            try {
                step.run();
            } finally {
                Set<String> waiting;
                synchronized (this) {
                    started = true;
                    waiting = new LinkedHashSet<>(held);
                    held.clear();
                }
                waiting.forEach(this::submit);
            }
        });
    }

    public void submit(String appId) {
        synchronized (this) {
            if (!started) {
                held.add(appId);
                return;
            }
            State state = active.get(appId);
            if (state == State.RUNNING) {
                active.put(appId, State.RUNNING_AGAIN);
            }
            if (state != null) {
                return;
            }
            active.put(appId, State.QUEUED);
        }
        dispatch(appId);
    }

    /** Applications queued or rendering now. */
    public int size() {
        return active.size();
    }

    /**
     * Stops the work on the applications {@code released} selects: their queued renders are dropped,
     * a running one is not repeated, and this returns once none of them renders any more, so what
     * they publish is on the topic before another instance takes them over.
     *
     * @return how many renders it waited for
     */
    public synchronized int release(Predicate<String> released) {
        held.removeIf(released);
        active.entrySet().removeIf(entry -> entry.getValue() == State.QUEUED && released.test(entry.getKey()));
        active.replaceAll((appId, state) -> state == State.RUNNING_AGAIN && released.test(appId) ? State.RUNNING
                : state);
        int running = (int) active.keySet().stream().filter(released).count();
        try {
            while (active.keySet().stream().anyMatch(released)) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("interrupted while waiting for the renders of released applications");
        }
        return running;
    }

    private void dispatch(String appId) {
        try {
            workers.execute(() -> run(appId));
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                active.remove(appId);
                notifyAll();
            }
            LOG.debugf("render %s not queued: shutting down", appId);
        }
    }

    private void run(String appId) {
        synchronized (this) {
            // Released (or already taken by another task) while it waited for a worker.
            if (active.get(appId) != State.QUEUED) {
                return;
            }
            active.put(appId, State.RUNNING);
        }
        try {
            reconcile.accept(appId);
        } catch (RuntimeException e) {
            LOG.errorf(e, "render %s: cannot complete", appId);
        } finally {
            boolean again;
            synchronized (this) {
                again = active.get(appId) == State.RUNNING_AGAIN;
                if (again) {
                    active.put(appId, State.QUEUED);
                } else {
                    active.remove(appId);
                    notifyAll();
                }
            }
            if (again) {
                dispatch(appId);
            }
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
