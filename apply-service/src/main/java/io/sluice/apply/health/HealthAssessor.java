package io.sluice.apply.health;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sluice.api.status.HealthCode;
import java.util.Map;

/**
 * The health of live objects, as Argo CD's health assessment and kstatus define it: built-in
 * kinds by their own status fields, one {@link HealthRule} per kind, and any other kind by its
 * standard status conditions ({@link StandardConditionsHealth}).
 */
public final class HealthAssessor {
    /** Rules by "group/Kind" (the core group is empty). */
    private static final Map<String, HealthRule> BY_KIND = Map.ofEntries(
            Map.entry("apps/Deployment", new DeploymentHealth()),
            Map.entry("apps/StatefulSet", new StatefulSetHealth()),
            Map.entry("apps/DaemonSet", new DaemonSetHealth()),
            Map.entry("apps/ReplicaSet", new ReplicaSetHealth()),
            Map.entry("/Pod", new PodHealth()),
            Map.entry("batch/Job", new JobHealth()),
            Map.entry("batch/CronJob", new CronJobHealth()),
            Map.entry("/Service", new ServiceHealth()),
            Map.entry("networking.k8s.io/Ingress", new IngressHealth()),
            Map.entry("/PersistentVolumeClaim", new PersistentVolumeClaimHealth()),
            Map.entry("autoscaling/HorizontalPodAutoscaler", new HorizontalPodAutoscalerHealth()),
            Map.entry("apiregistration.k8s.io/APIService", new ApiServiceHealth()),
            Map.entry("apiextensions.k8s.io/CustomResourceDefinition", new CustomResourceDefinitionHealth()));
    private static final HealthRule STANDARD = new StandardConditionsHealth();

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
        return BY_KIND.getOrDefault(Fields.group(live) + "/" + live.getKind(), STANDARD).assess(live);
    }

    private HealthAssessor() {
    }
}
