package io.sluice.apply.health;

import static io.sluice.apply.health.Fields.number;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sluice.apply.health.HealthAssessor.Health;

/** apps/v1 ReplicaSet: Degraded when it cannot create pods (ReplicaFailure), else done once every replica is available. */
final class ReplicaSetHealth implements HealthRule {

    @Override
    public Health assess(GenericKubernetesResource live) {
        Health unobserved = Fields.unobservedSpec(live);
        if (unobserved != null) {
            return unobserved;
        }
        var failure = Conditions.find(live, "ReplicaFailure");
        if (failure.isPresent() && "True".equals(failure.get().get("status"))) {
            return Health.degraded("ReplicaSet cannot create pods: " + failure.get().get("message"));
        }
        long replicas = Fields.replicas(live);
        long available = number(live.get("status", "availableReplicas"));
        return available < replicas ? Health.progressing(available + " of " + replicas + " replicas available")
                : Health.healthy();
    }
}
