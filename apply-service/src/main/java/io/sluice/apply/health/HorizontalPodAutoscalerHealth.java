package io.sluice.apply.health;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sluice.apply.health.HealthAssessor.Health;

/**
 * autoscaling HorizontalPodAutoscaler: Degraded when AbleToScale or ScalingActive is False (but for
 * ScalingDisabled), Progressing until it reports either.
 */
final class HorizontalPodAutoscalerHealth implements HealthRule {

    @Override
    public Health assess(GenericKubernetesResource live) {
        for (String type : new String[] {"AbleToScale", "ScalingActive"}) {
            var condition = Conditions.find(live, type);
            if (condition.isPresent() && "False".equals(condition.get().get("status"))
                    && !"ScalingDisabled".equals(condition.get().get("reason"))) {
                return Health.degraded(Conditions.describe(condition.get()));
            }
        }
        if (Conditions.find(live, "AbleToScale").isEmpty() && Conditions.find(live, "ScalingActive").isEmpty()) {
            return Health.progressing("waiting for the HorizontalPodAutoscaler to report its conditions");
        }
        return Health.healthy();
    }
}
