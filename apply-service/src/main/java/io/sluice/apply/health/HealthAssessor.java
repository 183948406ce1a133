package io.sluice.apply.health;

import io.sluice.api.status.HealthCode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;
import java.util.function.Function;

/**
 * The health of live objects, as Argo CD's health assessment and kstatus define it: built-in
 * kinds by their own status fields, any other kind by its standard status conditions, and a kind
 * that reports nothing is Healthy once it exists.
 */
public final class HealthAssessor {
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
    public record Health(HealthCode status, String message) {
        static Health healthy() {
            return new Health(HealthCode.HEALTHY, null);
        }

        static Health progressing(String message) {
            return new Health(HealthCode.PROGRESSING, message);
        }

        static Health degraded(String message) {
            return new Health(HealthCode.DEGRADED, message);
        }

        static Health suspended(String message) {
            return new Health(HealthCode.SUSPENDED, message);
        }
    }

    public static Health assess(GenericKubernetesResource live) {
        if (live == null) {
            return new Health(HealthCode.MISSING, "not found in the cluster");
        }
        var rule = BY_KIND.get(Fields.group(live) + "/" + live.getKind());
        return rule != null ? rule.apply(live) : ConditionHealth.standard(live);
    }

    private HealthAssessor() {
    }
}
