package io.sluice.apply.app;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.sluice.api.GoDuration;
import io.sluice.api.ObjectRef;
import io.sluice.api.status.HealthCode;
import io.sluice.api.status.Reasons;
import io.sluice.api.status.SyncCode;
import io.sluice.apply.cluster.AppClusters;
import io.sluice.apply.cluster.ClusterObjects;
import io.sluice.apply.health.HealthAssessor;
import io.sluice.events.AppStatus.ResourceStatus;
import io.sluice.events.AppStatus;
import io.sluice.events.Event;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Flux's spec.wait, spec.healthChecks and spec.timeout (and Helm's wait of a HelmRelease): after
 * an apply, the application is Ready only once the objects it waits for are Healthy. The worker
 * thread is never blocked for it: the application is left "waiting" (its status says for what),
 * and each reconcile or health recheck looks again, until all are Healthy or the timeout, counted
 * from the first apply of the same inputs, has passed: then the reconcile has failed, is reported
 * with a ReconciliationFailed event, and is retried as any failure. Worker thread only.
 */
@ApplicationScoped
public class HealthWait {
    private static final Logger LOG = Logger.getLogger(HealthWait.class);
    static final String FAILED = "health check failed after ";
    static final String WAITING = "; waiting up to ";

    private final StatusBook statuses;
    private final AppClusters clusters;
    private final Map<String, Waiting> waiting = new HashMap<>();

    HealthWait(StatusBook statuses, AppClusters clusters) {
        this.statuses = statuses;
        this.clusters = clusters;
    }

    /** The status to record after an apply, and whether the reconcile failed. */
    record Verdict(AppStatus status, boolean failed) {
    }

    private record Waiting(String inputs, Instant deadline, ApplyPolicy policy, String appliedMessage) {
    }

    /** Whether an application's status is final: not waiting for health checks, nor failed by them. */
    static boolean settled(AppStatus status) {
        return status.message() == null || !status.message().startsWith(FAILED) && !status.message().contains(WAITING);
    }

    /** Drops the wait of an application handed over to another instance, which starts its own. */
    void forget(String appId) {
        waiting.remove(appId);
    }

    boolean isWaiting(String appId) {
        return waiting.containsKey(appId);
    }

    /** Judges a successful apply of {@code inputs}: Ready, still waiting, or failed past the timeout. */
    Verdict afterApply(String appId, ApplyPolicy policy, String inputs, AppStatus applied) {
        if (!policy.readiness().waitsForHealth() || !SyncCode.SYNCED.equals(applied.sync())) {
            waiting.remove(appId);
            return new Verdict(applied, false);
        }
        Waiting wait = waiting.get(appId);
        if (wait == null || !wait.inputs().equals(inputs)) {
            wait = new Waiting(inputs, Instant.now().plus(policy.readiness().timeout()), policy, applied.message());
        }
        waiting.put(appId, wait);
        return judge(appId, wait, applied);
    }

    /**
     * Looks again at an application waiting for health; the outcome plans its retry when the
     * timeout passed, else it is null.
     */
    ReconcileOutcome recheck(String appId) {
        Waiting wait = waiting.get(appId);
        AppStatus last = statuses.last(appId);
        if (wait == null || last == null) {
            return null;
        }
        List<ResourceStatus> resources;
        try {
            ClusterObjects objects = clusters.of(appId).objects();
            resources = last.resources().stream().map(r -> HealthChecks.assess(objects, r)).toList();
        } catch (KubernetesClientException e) {
            LOG.debugf("app=%s health not checked: %s", appId, ClusterObjects.reason(e));
            return null;
        }
        AppStatus refreshed = last.withHealth(HealthCode.worst(resources.stream().map(ResourceStatus::health).toList()))
                .withMessage(wait.appliedMessage()).withResources(resources).withTime(Instant.now()).withHistory(null);
        Verdict verdict = judge(appId, wait, refreshed);
        statuses.record(appId, verdict.status());
        if (!verdict.failed() && !waiting.containsKey(appId)) {
            LOG.infof("app=%s revision=%s health checks passed", appId, last.revision());
        }
        return verdict.failed() ? ReconcileOutcome.of(true, wait.policy()) : null;
    }

    private Verdict judge(String appId, Waiting wait, AppStatus applied) {
        Readiness readiness = wait.policy().readiness();
        List<HealthCode> healths = new ArrayList<>(List.of(applied.health()));
        List<String> pending = new ArrayList<>();
        if (readiness.waitAll()) {
            // As in Flux, spec.wait checks every applied object and makes spec.healthChecks redundant.
            applied.resources().stream().filter(r -> !HealthCode.HEALTHY.equals(r.health()))
                    .forEach(r -> pending.add(r.ref().display() + " " + r.health() + ": " + r.message()));
        } else {
            for (ObjectRef ref : readiness.healthChecks()) {
                HealthAssessor.Health live = live(appId, ref);
                healths.add(live.status());
                if (!HealthCode.HEALTHY.equals(live.status())) {
                    pending.add(ref.display() + " " + live.status() + ": " + live.message());
                }
            }
        }
        HealthCode worst = HealthCode.worst(healths);
        String timeout = GoDuration.format(readiness.timeout());
        if (pending.isEmpty()) {
            waiting.remove(appId);
            return new Verdict(with(applied, worst, wait.appliedMessage()), false);
        }
        if (Instant.now().isAfter(wait.deadline())) {
            waiting.remove(appId);
            String message = FAILED + timeout + ": " + String.join("; ", pending);
            AppStatus failed = with(applied, worst, message);
            AppStatus last = statuses.last(appId);
            if (last == null || !message.equals(last.message())) {
                statuses.event(Event.error(applied.app(), Reasons.RECONCILIATION_FAILED, message, applied.revision(),
                        ApplyStreams.SERVICE));
            }
            LOG.infof("app=%s revision=%s outcome=failure: %s", appId, applied.revision(), message);
            return new Verdict(failed, true);
        }
        return new Verdict(with(applied, worst, wait.appliedMessage() + WAITING + timeout + " for health checks: "
                + String.join("; ", pending)), false);
    }

    private HealthAssessor.Health live(String appId, ObjectRef ref) {
        try {
            GenericKubernetesResource object = clusters.of(appId).objects().find(ref).map(Resource::get).orElse(null);
            return HealthAssessor.assess(object);
        } catch (KubernetesClientException e) {
            return new HealthAssessor.Health(HealthCode.UNKNOWN, ClusterObjects.reason(e));
        }
    }

    private static AppStatus with(AppStatus s, HealthCode health, String message) {
        return s.withHealth(health).withMessage(message).withHistory(null);
    }
}
