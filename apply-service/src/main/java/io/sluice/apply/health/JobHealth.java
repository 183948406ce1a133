package io.sluice.apply.health;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sluice.apply.health.HealthAssessor.Health;

/** batch/v1 Job: its Failed and Complete conditions, else suspended or still running. */
final class JobHealth implements HealthRule {

    @Override
    public Health assess(GenericKubernetesResource live) {
        var failed = Conditions.find(live, "Failed");
        if (failed.isPresent() && "True".equals(failed.get().get("status"))) {
            return Health.degraded("Job failed: " + failed.get().get("reason") + ": " + failed.get().get("message"));
        }
        if (Conditions.isTrue(live, "Complete")) {
            return Health.healthy();
        }
        if (Boolean.TRUE.equals(live.get("spec", "suspend"))) {
            return Health.suspended("Job is suspended by spec.suspend");
        }
        return Health.progressing("Job running: " + Fields.number(live.get("status", "succeeded")) + " succeeded, "
                + Fields.number(live.get("status", "active")) + " active");
    }
}
