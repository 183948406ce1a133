package io.sluice.apply.health;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sluice.apply.health.HealthAssessor.Health;

/** networking.k8s.io Ingress: Healthy once an ingress controller published its address. */
final class IngressHealth implements HealthRule {

    @Override
    public Health assess(GenericKubernetesResource live) {
        return Fields.hasLoadBalancerIngress(live) ? Health.healthy()
                : Health.progressing("waiting for an ingress controller to publish an address");
    }
}
