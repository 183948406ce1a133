package io.sluice.apply.health;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sluice.apply.health.HealthAssessor.Health;

/** batch/v1 CronJob: Suspended by spec.suspend, else Healthy (its Jobs have their own health). */
final class CronJobHealth implements HealthRule {

    @Override
    public Health assess(GenericKubernetesResource live) {
        if (Boolean.TRUE.equals(live.get("spec", "suspend"))) {
            return Health.suspended("CronJob is suspended by spec.suspend");
        }
        return Health.healthy();
    }
}
