package io.sluice.apply.health;

import static io.sluice.apply.health.Fields.text;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sluice.apply.health.HealthAssessor.Health;

/** v1 Service: Healthy, but a LoadBalancer waits for its load balancer's address. */
final class ServiceHealth implements HealthRule {

    @Override
    public Health assess(GenericKubernetesResource live) {
        if (!"LoadBalancer".equals(text(live.get("spec", "type")))) {
            return Health.healthy();
        }
        return Fields.hasLoadBalancerIngress(live) ? Health.healthy()
                : Health.progressing("waiting for a load balancer address");
    }
}
