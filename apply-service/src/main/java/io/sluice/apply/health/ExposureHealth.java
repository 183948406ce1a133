package io.sluice.apply.health;

import static io.sluice.apply.health.Fields.list;
import static io.sluice.apply.health.Fields.text;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sluice.apply.health.HealthAssessor.Health;

/**
 * Health of what waits on infrastructure outside the API server: a load balancer for a Service
 * of type LoadBalancer or an Ingress, a volume for a PersistentVolumeClaim.
 */
final class ExposureHealth {

    static Health service(GenericKubernetesResource live) {
        if (!"LoadBalancer".equals(text(live.get("spec", "type")))) {
            return Health.healthy();
        }
        return hasIngress(live) ? Health.healthy() : Health.progressing("waiting for a load balancer address");
    }

    static Health ingress(GenericKubernetesResource live) {
        return hasIngress(live) ? Health.healthy() : Health.progressing("waiting for an ingress controller to"
                + " publish an address");
    }

    static Health persistentVolumeClaim(GenericKubernetesResource live) {
        String phase = text(live.get("status", "phase"));
        if ("Bound".equals(phase)) {
            return Health.healthy();
        }
        if ("Lost".equals(phase)) {
            return Health.degraded("PersistentVolumeClaim lost its volume");
        }
        return Health.progressing("PersistentVolumeClaim is " + (phase == null ? "not bound yet" : phase));
    }

    private static boolean hasIngress(GenericKubernetesResource live) {
        return !list(live.get("status", "loadBalancer", "ingress")).isEmpty();
    }

    private ExposureHealth() {
    }
}
