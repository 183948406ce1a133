package io.sluice.apply.health;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sluice.events.AppStatus;
import java.util.Collection;
import java.util.List;

/**
 * The health of live objects, as Argo CD and Flux report it. Deployments are assessed from their
 * status; every other kind is Healthy once it exists (more kinds come later).
 */
public final class HealthAssessor {
    /** Worst first: an application is as healthy as its least healthy object. */
    private static final List<String> SEVERITY = List.of(AppStatus.DEGRADED, AppStatus.MISSING,
            AppStatus.PROGRESSING, AppStatus.UNKNOWN, AppStatus.HEALTHY);

    /** One object's health and, when not Healthy, why. */
    public record Health(String status, String message) {
        static Health healthy() {
            return new Health(AppStatus.HEALTHY, null);
        }
    }

    public static Health assess(GenericKubernetesResource live) {
        if (live == null) {
            return new Health(AppStatus.MISSING, "not found in the cluster");
        }
        if ("Deployment".equals(live.getKind()) && "apps/v1".equals(live.getApiVersion())) {
            return deployment(live);
        }
        return Health.healthy();
    }

    /** The worst of {@code healths}; Healthy when there are none. */
    public static String worst(Collection<String> healths) {
        return healths.stream().min((a, b) -> Integer.compare(rank(a), rank(b))).orElse(AppStatus.HEALTHY);
    }

    private static int rank(String health) {
        int index = SEVERITY.indexOf(health);
        return index < 0 ? SEVERITY.indexOf(AppStatus.UNKNOWN) : index;
    }

    private static Health deployment(GenericKubernetesResource live) {
        var progressing = Conditions.find(live, "Progressing");
        if (progressing.isPresent() && "ProgressDeadlineExceeded".equals(progressing.get().get("reason"))) {
            return new Health(AppStatus.DEGRADED, "Deployment exceeded its progress deadline: "
                    + progressing.get().get("message"));
        }
        long generation = number(live.getMetadata().getGeneration());
        long observed = number(live.get("status", "observedGeneration"));
        if (observed < generation) {
            return new Health(AppStatus.PROGRESSING, "waiting for the rollout of generation " + generation
                    + " to be observed");
        }
        Object specReplicas = live.get("spec", "replicas");
        long replicas = specReplicas == null ? 1 : number(specReplicas);
        long updated = number(live.get("status", "updatedReplicas"));
        long available = number(live.get("status", "availableReplicas"));
        if (updated == replicas && available == replicas) {
            return Health.healthy();
        }
        return new Health(AppStatus.PROGRESSING, updated + " of " + replicas + " replicas updated, " + available
                + " available");
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    private HealthAssessor() {
    }
}
