package io.sluice.apply.health;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sluice.apply.health.HealthAssessor.Health;

/** apiregistration.k8s.io APIService: Healthy once Available. */
final class ApiServiceHealth implements HealthRule {

    @Override
    public Health assess(GenericKubernetesResource live) {
        var available = Conditions.find(live, "Available");
        if (available.isPresent() && "True".equals(available.get().get("status"))) {
            return Health.healthy();
        }
        return Health.progressing(available.map(Conditions::describe)
                .orElse("waiting for the APIService to become Available"));
    }
}
