package io.sluice.image.schedule;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Runs one task per key (an ImageRepository's scans, an ImageUpdateAutomation's runs) on the key's
 * own interval, and at once when asked. Runs of one key never overlap: a request that arrives while
 * it runs makes it run once more right after. A task says what it found through {@link Run#report},
 * which does nothing once the key is stopped: when {@link #stop} returns, nothing more is reported
 * for it here (another instance owns it now).
 */
public final class Schedules implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Schedules.class);

    /** One key's runs. */
    public final class Run implements Runnable {
        private final String key;
        private final Consumer<Run> task;
        private ScheduledFuture<?> future;
        private boolean stopped;
        private boolean running;
        private boolean again;
        private boolean soon;

        private Run(String key, Consumer<Run> task) {
            this.key = key;
            this.task = task;
        }

        public String key() {
            return key;
        }

        /** Runs {@code publish} unless the key was stopped; true when it ran. */
        public synchronized boolean report(Runnable publish) {
            if (stopped) {
                return false;
            }
            publish.run();
            return true;
        }

        @Override
        public void run() {
            synchronized (this) {
                if (stopped) {
                    return;
                }
                if (running) {
                    again = true;
                    return;
                }
                running = true;
            }
            boolean more;
            do {
                try {
                    task.accept(this);
                } catch (RuntimeException e) {
                    // A scheduled task that throws is never run again: keep the key's schedule, say why.
                    LOG.errorf(e, "%s: %s failed", name, key);
                }
                synchronized (this) {
                    more = again && !stopped;
                    again = false;
                    running = more;
                }
            } while (more);
        }

        private synchronized void stop() {
            stopped = true;
            // A run under way finishes its request and then reports nothing.
            future.cancel(false);
        }
    }

    private final String name;
    private final ScheduledExecutorService pool;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    /** {@code threads} threads named "{@code name}-N" run the tasks. */
    public Schedules(String name, int threads) {
        this.name = name;
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newScheduledThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs {@code task} for {@code key} now and then every {@code interval}, in place of its previous task. */
    public void start(String key, Duration interval, Consumer<Run> task) {
        stop(key);
        Run run = new Run(key, task);
        synchronized (run) {
            run.future = pool.scheduleWithFixedDelay(run, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
        runs.put(key, run);
    }

    /** Runs {@code key}'s task now (once more after the current run, if one is under way); false if not scheduled. */
    public boolean runNow(String key) {
        Run run = runs.get(key);
        if (run == null) {
            return false;
        }
        pool.execute(run);
        return true;
    }

    /**
     * Runs {@code key}'s task once {@code delay} from now, however many times this is called until then:
     * a burst of triggers (many policies choosing at once) makes one run. False if not scheduled.
     */
    public boolean runSoon(String key, Duration delay) {
        Run run = runs.get(key);
        if (run == null) {
            return false;
        }
        synchronized (run) {
            if (run.soon || run.stopped) {
                return true;
            }
            run.soon = true;
        }
        pool.schedule(() -> {
            synchronized (run) {
                run.soon = false;
            }
            run.run();
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
        return true;
    }

    public boolean scheduled(String key) {
        return runs.containsKey(key);
    }

    /** Stops {@code key}'s runs: once this returns, its task reports nothing more. */
    public void stop(String key) {
        Run previous = runs.remove(key);
        if (previous != null) {
            previous.stop();
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
