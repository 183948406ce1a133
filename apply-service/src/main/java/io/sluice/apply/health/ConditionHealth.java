package io.sluice.apply.health;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sluice.apply.health.HealthAssessor.Health;
import java.util.Map;
import java.util.Optional;

/**
 * Health read from status conditions: the kinds whose conditions Argo CD reads (HPA, APIService,
 * CRD) and, for any other kind, kstatus's standard conditions (Ready or Available, Reconciling,
 * Stalled) and observedGeneration.
 */
final class ConditionHealth {

    static Health horizontalPodAutoscaler(GenericKubernetesResource live) {
        for (String type : new String[] {"AbleToScale", "ScalingActive"}) {
            var condition = Conditions.find(live, type);
            if (condition.isPresent() && "False".equals(condition.get().get("status"))
                    && !"ScalingDisabled".equals(condition.get().get("reason"))) {
                return Health.degraded(describe(condition.get()));
            }
        }
        if (Conditions.find(live, "AbleToScale").isEmpty() && Conditions.find(live, "ScalingActive").isEmpty()) {
            return Health.progressing("waiting for the HorizontalPodAutoscaler to report its conditions");
        }
        return Health.healthy();
    }

    static Health apiService(GenericKubernetesResource live) {
        var available = Conditions.find(live, "Available");
        if (available.isPresent() && "True".equals(available.get().get("status"))) {
            return Health.healthy();
        }
        return Health.progressing(available.map(ConditionHealth::describe)
                .orElse("waiting for the APIService to become Available"));
    }

    static Health customResourceDefinition(GenericKubernetesResource live) {
        var names = Conditions.find(live, "NamesAccepted");
        if (names.isPresent() && "False".equals(names.get().get("status"))) {
            return Health.degraded(describe(names.get()));
        }
        if (Conditions.isTrue(live, "Established")) {
            return Health.healthy();
        }
        return Health.progressing("waiting for the CustomResourceDefinition to be Established");
    }

    /** kstatus: a spec not observed yet, Reconciling or Stalled, then Ready (or else Available) decides. */
    static Health standard(GenericKubernetesResource live) {
        if (Fields.generationNotObserved(live)) {
            return Health.progressing("waiting for generation " + live.getMetadata().getGeneration()
                    + " to be observed");
        }
        if (Conditions.isTrue(live, "Stalled")) {
            return Health.degraded(describe(Conditions.find(live, "Stalled").get()));
        }
        if (Conditions.isTrue(live, "Reconciling")) {
            return Health.progressing(describe(Conditions.find(live, "Reconciling").get()));
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
            return Health.degraded(describe(condition.get()));
        }
        return Health.progressing(describe(condition.get()));
    }

    /** Reasons by which Flux and other controllers say "not ready yet, still working on it". */
    private static boolean inProgress(Object reason) {
        return reason instanceof String r && (r.contains("Progressing") || r.contains("Reconciling")
                || r.contains("InProgress") || r.equals("DependencyNotReady"));
    }

    private static String describe(Map<?, ?> condition) {
        Object message = condition.get("message");
        return condition.get("type") + "=" + condition.get("status")
                + (condition.get("reason") == null ? "" : " (" + condition.get("reason") + ")")
                + (message == null ? "" : ": " + message);
    }

    private ConditionHealth() {
    }
}
