package io.sluice.apply.health;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sluice.apply.health.HealthAssessor.Health;
import java.util.Map;
import java.util.Optional;

/**
 * Any kind without a rule of its own, by kstatus's standard conditions: a spec not observed yet,
 * Stalled or Reconciling, then Ready (or else Available) decides; a kind that reports none is
 * Healthy once it exists.
 */
final class StandardConditionsHealth implements HealthRule {

    @Override
    public Health assess(GenericKubernetesResource live) {
        if (Fields.generationNotObserved(live)) {
            return Health.progressing("waiting for generation " + live.getMetadata().getGeneration()
                    + " to be observed");
        }
        if (Conditions.isTrue(live, "Stalled")) {
            return Health.degraded(Conditions.describe(Conditions.find(live, "Stalled").get()));
        }
        if (Conditions.isTrue(live, "Reconciling")) {
            return Health.progressing(Conditions.describe(Conditions.find(live, "Reconciling").get()));
        }
        Optional<Map<?, ?>> condition = Conditions.find(live, "Ready").or(() -> Conditions.find(live, "Available"));
        if (condition.isEmpty()) {
            return Health.healthy();
        }
        Object status = condition.get().get("status");
        if ("True".equals(status)) {
            return Health.healthy();
        }
        if ("False".equals(status) && !inProgress(condition.get().get("reason"))) {
            return Health.degraded(Conditions.describe(condition.get()));
        }
        return Health.progressing(Conditions.describe(condition.get()));
    }

    /** Reasons by which Flux and other controllers say "not ready yet, still working on it". */
    private static boolean inProgress(Object reason) {
        return reason instanceof String r && (r.contains("Progressing") || r.contains("Reconciling")
                || r.contains("InProgress") || r.equals("DependencyNotReady"));
    }
}
