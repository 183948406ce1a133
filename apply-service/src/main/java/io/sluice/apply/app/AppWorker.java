package io.sluice.apply.app;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.sluice.apply.cluster.ClusterObjects;
import io.sluice.apply.drift.InventoryWatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs every reconcile, command and health check on one worker thread, never on a Kafka poll or
 * informer thread, so an application's changes are handled one after another in order. Changes
 * that arrive while an application already waits for its turn are coalesced: the reconcile reads
 * the latest inputs. Reconciles come from new inputs, from the watch on the applications' objects
 * (drift), and from the {@link ReconcileSchedule} (interval, retries). The worker starts only once
 * the views have caught up and the cluster has answered, and works only on the applications this
 * instance owns ({@link AppOwnership}).
 */
@ApplicationScoped
public class AppWorker {
    private static final Logger LOG = Logger.getLogger(AppWorker.class);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration CLUSTER_PROBE_INTERVAL = Duration.ofSeconds(2);
    private static final Duration HAND_OVER_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration TAKE_OVER_RECHECK = Duration.ofSeconds(2);

    private final Duration healthInterval;
    /** The first retry of a failure no application spec times (a deleted application's prune, an unexpected error). */
    private final Duration retryInterval;
    private final ApplyStreams streams;
    private final AppReconciler reconciler;
    private final HealthChecks health;
    private final StatusBook statuses;
    private final InventoryWatch watch;
    private final AppCommands commands;
    private final KubernetesClient client;
    private final AppOwnership ownership;
    private final DependencyGate dependencies;
    private final HealthWait healthWait;
    private final FailureReports failures;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService worker = new ScheduledThreadPoolExecutor(1, r -> {
        Thread thread = new Thread(r, "apply-worker");
        thread.setDaemon(true);
        return thread;
    });
    private volatile ReconcileSchedule schedule;
    private volatile boolean ready;

    AppWorker(@ConfigProperty(name = "sluice.apply.health-interval") Duration healthInterval,
            @ConfigProperty(name = "sluice.apply.retry-interval") Duration retryInterval, ApplyStreams streams,
            AppReconciler reconciler, HealthChecks health, StatusBook statuses, InventoryWatch watch,
            AppCommands commands, KubernetesClient client, AppOwnership ownership, DependencyGate dependencies,
            HealthWait healthWait, FailureReports failures) {
        this.healthInterval = healthInterval;
        this.retryInterval = retryInterval;
        this.streams = streams;
        this.reconciler = reconciler;
        this.health = health;
        this.statuses = statuses;
        this.watch = watch;
        this.commands = commands;
        this.client = client;
        this.ownership = ownership;
        this.dependencies = dependencies;
        this.healthWait = healthWait;
        this.failures = failures;
    }

    /** The topics exist by now: SluiceMessaging creates them before anything else starts. */
    void start(@Observes StartupEvent startup) {
        schedule = new ReconcileSchedule(worker, this::reconcileSoon, retryInterval);
        // Queued first, so every reconcile the views trigger while replaying waits behind it.
        worker.execute(this::awaitInputsAndCluster);
        watch.onChange(this::reconcileSoon);
        streams.start(this::newInputs, this::statusChanged);
        worker.scheduleWithFixedDelay(this::recheckHealth, healthInterval.toMillis(), healthInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Stops the work; the connector leaves the group afterwards, and {@link #handOver} then has
     * nothing left to wait for.
     */
    void stop(@Observes ShutdownEvent shutdown) {
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watch.stop();
        streams.stop();
    }

    /** True once the views have caught up, the cluster has answered and the group has given this instance its share. */
    public boolean ready() {
        return ready && commands.joined();
    }

    /** New inputs start the count of failures towards the retry limit again. */
    private void newInputs(String appId) {
        schedule.restartCount(appId);
        reconcileSoon(appId);
    }

    /** Applications waiting for {@code appId} to be Ready look again at once. */
    private void statusChanged(String appId) {
        dependencies.waitingOn(appId).forEach(this::reconcileSoon);
    }

    /** Reconciles an application this instance owns once the worker gets to it; others are left to their owner. */
    private void reconcileSoon(String appId) {
        if (ownership.owns(appId) && pending.add(appId)) {
            worker.execute(() -> {
                pending.remove(appId);
                reconcileNow(appId);
            });
        }
    }

    private void reconcileNow(String appId) {
        if (ownership.owns(appId)) {
            run(appId, () -> reconciler.reconcile(appId));
        }
    }

    /**
     * The group gave this instance {@code partitions}: their applications are reconciled from what
     * the compacted topics and the cluster say, which also finds drift that happened meanwhile.
     */
    void takeOver(Set<Integer> partitions, int partitionCount) {
        ownership.acquire(partitions, partitionCount);
        List<String> apps = streams.knownApps().stream().filter(id -> ownership.within(id, partitions)).toList();
        apps.forEach(this::reconcileSoon);
        // Once more when their watches run: a change made while a watch was (re)starting comes as
        // no event, and was seen by the first reconcile only if it came before it.
        worker.schedule(() -> apps.forEach(this::reconcileSoon), TAKE_OVER_RECHECK.toMillis(), TimeUnit.MILLISECONDS);
        LOG.infof("took over the applications of partitions %s (%d known)", partitions, apps.size());
    }

    /**
     * The group takes {@code partitions} away: once the reconcile in progress is over, their
     * applications are no longer watched or scheduled and their state here is dropped, so the next
     * owner, which starts only after this returns, is the only one to apply or prune them.
     */
    void handOver(Set<Integer> partitions) {
        ownership.release(partitions);
        Future<?> done;
        try {
            done = worker.submit(() -> {
                for (String appId : streams.knownApps()) {
                    if (ownership.within(appId, partitions)) {
                        watch.untrack(appId);
                        schedule.forget(appId);
                        statuses.forget(appId);
                        reconciler.forget(appId);
                        healthWait.forget(appId);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.infof("stopped: handed over the applications of partitions %s", partitions);
            return;
        }
        try {
            done.get(HAND_OVER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.infof("handed over the applications of partitions %s", partitions);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.errorf("handing over the applications of partitions %s did not finish: %s", partitions, e);
        }
    }

    /**
     * Runs a user's command for {@code appId} on the worker thread, after whatever is queued before
     * it; its outcome plans the next reconcile unless it is null (a dry run changes no plan). A
     * command of an application handed over while it waited here is dropped, so that only the new
     * owner writes the application; the command was taken from Kafka already, so the user sends it
     * again if the new owner's reconcile is not what was asked for.
     */
    void command(String appId, Supplier<ReconcileOutcome> action) {
        worker.execute(() -> {
            if (!ownership.owns(appId)) {
                LOG.infof("app=%s command dropped: the application was handed over to another instance", appId);
                return;
            }
            schedule.restartCount(appId);
            run(appId, action);
        });
    }

    private void run(String appId, Supplier<ReconcileOutcome> action) {
        ReconcileOutcome outcome;
        try {
            outcome = action.get();
        } catch (RuntimeException e) {
            LOG.errorf(e, "app=%s outcome=failure: %s", appId, e.getMessage());
            outcome = new ReconcileOutcome(true, null, null);
        }
        if (outcome != null) {
            planAfter(appId, outcome);
        }
    }

    private void planAfter(String appId, ReconcileOutcome outcome) {
        int failuresInARow = schedule.after(appId, outcome);
        if (failuresInARow > 0) {
            failures.retriesExhausted(appId, failuresInARow - 1);
        }
    }

    private void recheckHealth() {
        for (String appId : statuses.notHealthy()) {
            if (ownership.owns(appId) && !pending.contains(appId)) {
                try {
                    if (!healthWait.isWaiting(appId)) {
                        health.recheck(appId);
                    } else {
                        ReconcileOutcome outcome = healthWait.recheck(appId);
                        if (outcome != null) {
                            planAfter(appId, outcome);
                        }
                    }
                } catch (RuntimeException e) {
                    LOG.errorf(e, "app=%s health check failed: %s", appId, e.getMessage());
                }
            }
        }
    }

    /**
     * Waits for the views, then lets the group give this instance its share (the commands are
     * checked against the views, and a takeover reads them), then for the cluster.
     */
    private void awaitInputsAndCluster() {
        try {
            while (!streams.awaitCaughtUp(CATCH_UP_TIMEOUT)) {
                LOG.warnf("views of the config, bundle and status topics have not caught up after %d s; waiting",
                        CATCH_UP_TIMEOUT.toSeconds());
            }
            commands.ready(this);
            while (!clusterAnswers()) {
                Thread.sleep(CLUSTER_PROBE_INTERVAL.toMillis());
            }
            ready = true;
            LOG.infof("caught up with Kafka; cluster %s answers", client.getMasterUrl());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean clusterAnswers() {
        try {
            client.getKubernetesVersion();
            return true;
        } catch (KubernetesClientException e) {
            LOG.warnf("cluster %s does not answer yet: %s", client.getMasterUrl(), ClusterObjects.reason(e));
            return false;
        }
    }
}
