package io.sluice.apply.app;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sluice.api.status.HealthCode;
import io.sluice.api.status.Reasons;
import io.sluice.api.status.SyncCode;
import io.sluice.apply.cluster.AppClusters;
import io.sluice.apply.cluster.ClusterObjects;
import io.sluice.apply.health.HealthAssessor.Health;
import io.sluice.apply.health.HealthAssessor;
import io.sluice.events.AppStatus.ResourceStatus;
import io.sluice.events.AppStatus;
import io.sluice.events.Event;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Assesses again the health of an application that is not Healthy yet (a rollout in progress)
 * and republishes its status when the health changed. Runs on the worker thread only.
 */
@ApplicationScoped
public class HealthChecks {
    private static final Logger LOG = Logger.getLogger(HealthChecks.class);

    private final StatusBook statuses;
    private final AppClusters clusters;

    HealthChecks(StatusBook statuses, AppClusters clusters) {
        this.statuses = statuses;
        this.clusters = clusters;
    }

    void recheck(String appId) {
        AppStatus last = statuses.last(appId);
        if (last == null || last.resources() == null || last.resources().isEmpty()
                || HealthCode.HEALTHY.equals(last.health())) {
            return;
        }
        List<ResourceStatus> resources;
        try {
            ClusterObjects objects = clusters.of(appId).objects();
            resources = last.resources().stream().map(r -> assess(objects, r)).toList();
        } catch (KubernetesClientException e) {
            LOG.debugf("app=%s health not checked: %s", appId, ClusterObjects.reason(e));
            return;
        }
        HealthCode health = HealthCode.worst(resources.stream().map(ResourceStatus::health).toList());
        AppStatus status = last.withHealth(health).withResources(resources).withTime(Instant.now()).withHistory(null);
        if (statuses.record(appId, status) && !health.equals(last.health())) {
            LOG.infof("app=%s revision=%s health=%s (was %s)", appId, last.revision(), health, last.health());
            reportDegraded(last, status);
        }
    }

    /** An application turning Degraded is worth an alert; its objects' messages say why. */
    void reportDegraded(AppStatus last, AppStatus status) {
        if (!HealthCode.DEGRADED.equals(status.health()) || last != null && HealthCode.DEGRADED.equals(last.health())) {
            return;
        }
        String why = status.resources().stream().filter(r -> HealthCode.DEGRADED.equals(r.health()))
                .map(r -> r.ref().display() + ": " + r.message()).collect(Collectors.joining("; "));
        statuses.event(Event.error(status.app(), Reasons.HEALTH_CHECK_FAILED, why, status.revision(), ApplyStreams.SERVICE));
    }

    /** Objects that were not applied keep their status: only live, synced objects are assessed. */
    static ResourceStatus assess(ClusterObjects objects, ResourceStatus resource) {
        if (!SyncCode.SYNCED.equals(resource.sync())) {
            return resource;
        }
        GenericKubernetesResource live = objects.find(resource.ref()).map(r -> r.get()).orElse(null);
        Health health = HealthAssessor.assess(live);
        return new ResourceStatus(resource.ref(), resource.sync(), health.status(), health.message());
    }
}
