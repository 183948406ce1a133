package io.sluice.apply.health;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sluice.events.AppStatus;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The health of live objects, as Argo CD's health assessment and kstatus define it: built-in
 * kinds by their own status fields, any other kind by its standard status conditions, and a kind
 * that reports nothing is Healthy once it exists.
 */
public final class HealthAssessor {
    /** Argo CD's health of a paused or suspended object (a suspended CronJob or Job, a paused Deployment). */
    public static final String SUSPENDED = "Suspended";
    /**
     * Worst first: an application is as healthy as its least healthy object, in Argo CD's order
     * Degraded, Missing, Progressing, Suspended, Healthy. Argo CD ranks Unknown (a failed
     * assessment) worst of all; here it stays just above Healthy, as before, because no rule here
     * returns it for a live object.
     */
    private static final List<String> SEVERITY = List.of(AppStatus.DEGRADED, AppStatus.MISSING,
            AppStatus.PROGRESSING, SUSPENDED, AppStatus.UNKNOWN, AppStatus.HEALTHY);

    /** Rules by "group/Kind" (the core group is empty). */
    private static final Map<String, Function<GenericKubernetesResource, Health>> BY_KIND = Map.ofEntries(
            Map.entry("apps/Deployment", WorkloadHealth::deployment),
            Map.entry("apps/StatefulSet", WorkloadHealth::statefulSet),
            Map.entry("apps/DaemonSet", WorkloadHealth::daemonSet),
            Map.entry("apps/ReplicaSet", WorkloadHealth::replicaSet),
            Map.entry("/Pod", PodHealth::pod),
            Map.entry("batch/Job", BatchHealth::job),
            Map.entry("batch/CronJob", BatchHealth::cronJob),
            Map.entry("/Service", ExposureHealth::service),
            Map.entry("networking.k8s.io/Ingress", ExposureHealth::ingress),
            Map.entry("/PersistentVolumeClaim", ExposureHealth::persistentVolumeClaim),
            Map.entry("autoscaling/HorizontalPodAutoscaler", ConditionHealth::horizontalPodAutoscaler),
            Map.entry("apiregistration.k8s.io/APIService", ConditionHealth::apiService),
            Map.entry("apiextensions.k8s.io/CustomResourceDefinition", ConditionHealth::customResourceDefinition));

    /** One object's health and, when not Healthy, why. */
    public record Health(String status, String message) {
        static Health healthy() {
            return new Health(AppStatus.HEALTHY, null);
        }

        static Health progressing(String message) {
            return new Health(AppStatus.PROGRESSING, message);
        }

        static Health degraded(String message) {
            return new Health(AppStatus.DEGRADED, message);
        }

        static Health suspended(String message) {
            return new Health(SUSPENDED, message);
        }
    }

    public static Health assess(GenericKubernetesResource live) {
        if (live == null) {
            return new Health(AppStatus.MISSING, "not found in the cluster");
        }
        var rule = BY_KIND.get(Fields.group(live) + "/" + live.getKind());
        return rule != null ? rule.apply(live) : ConditionHealth.standard(live);
    }

    /** The worst of {@code healths}; Healthy when there are none. */
    public static String worst(Collection<String> healths) {
        return healths.stream().min((a, b) -> Integer.compare(rank(a), rank(b))).orElse(AppStatus.HEALTHY);
    }

    private static int rank(String health) {
        int index = SEVERITY.indexOf(health);
        return index < 0 ? SEVERITY.indexOf(AppStatus.UNKNOWN) : index;
    }

    private HealthAssessor() {
    }
}
