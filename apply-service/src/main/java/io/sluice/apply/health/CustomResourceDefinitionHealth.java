package io.sluice.apply.health;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sluice.apply.health.HealthAssessor.Health;

/** apiextensions.k8s.io CustomResourceDefinition: Degraded when its names are refused, Healthy once Established. */
final class CustomResourceDefinitionHealth implements HealthRule {

    @Override
    public Health assess(GenericKubernetesResource live) {
        var names = Conditions.find(live, "NamesAccepted");
        if (names.isPresent() && "False".equals(names.get().get("status"))) {
            return Health.degraded(Conditions.describe(names.get()));
        }
        if (Conditions.isTrue(live, "Established")) {
            return Health.healthy();
        }
        return Health.progressing("waiting for the CustomResourceDefinition to be Established");
    }
}
