package io.sluice.apply.health;

import static io.sluice.apply.health.Fields.number;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sluice.apply.health.HealthAssessor.Health;

/** apps/v1 Deployment: paused, past its progress deadline, or rolled out once every replica is updated and available. */
final class DeploymentHealth implements HealthRule {

    @Override
    public Health assess(GenericKubernetesResource live) {
        if (Boolean.TRUE.equals(live.get("spec", "paused"))) {
            return Health.suspended("Deployment is paused");
        }
        var progressing = Conditions.find(live, "Progressing");
        if (progressing.isPresent() && "ProgressDeadlineExceeded".equals(progressing.get().get("reason"))) {
            return Health.degraded("Deployment exceeded its progress deadline: " + progressing.get().get("message"));
        }
        if (Fields.specNotObserved(live)) {
            return Health.progressing("waiting for the rollout of generation " + live.getMetadata().getGeneration()
                    + " to be observed");
        }
        long replicas = Fields.replicas(live);
        long updated = number(live.get("status", "updatedReplicas"));
        long available = number(live.get("status", "availableReplicas"));
        if (updated == replicas && available == replicas) {
            return Health.healthy();
        }
        return Health.progressing(updated + " of " + replicas + " replicas updated, " + available + " available");
    }
}
