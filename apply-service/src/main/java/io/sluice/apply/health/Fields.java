package io.sluice.apply.health;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sluice.apply.health.HealthAssessor.Health;
import java.util.List;

/** Typed reads of the loosely typed fields of a live object, for the health rules. */
final class Fields {

    static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    /** A number that may be absent: {@code absent} stands in for it. */
    static long number(Object value, long absent) {
        return value instanceof Number n ? n.longValue() : absent;
    }

    static String text(Object value) {
        return value instanceof String s ? s : null;
    }

    static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    /** The API group of the object: empty for the core group. */
    static String group(GenericKubernetesResource live) {
        String apiVersion = live.getApiVersion() == null ? "" : live.getApiVersion();
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** Whether the controller has not yet seen the latest spec (kstatus: InProgress). */
    static boolean generationNotObserved(GenericKubernetesResource live) {
        Object observed = live.get("status", "observedGeneration");
        long generation = number(live.getMetadata().getGeneration());
        return observed instanceof Number n && n.longValue() < generation;
    }

    /**
     * Whether a workload controller has not reported the latest spec as observed yet: it reports
     * status.observedGeneration once it saw the spec, and until then the workload is not done.
     */
    static boolean specNotObserved(GenericKubernetesResource live) {
        return number(live.get("status", "observedGeneration")) < number(live.getMetadata().getGeneration());
    }

    /** Progressing while the controller has not observed the latest spec ({@link #specNotObserved}); else null. */
    static Health unobservedSpec(GenericKubernetesResource live) {
        return specNotObserved(live) ? Health.progressing("waiting for the " + live.getKind() + " spec of generation "
                + live.getMetadata().getGeneration() + " to be observed") : null;
    }

    /** spec.replicas, which the API server defaults to 1. */
    static long replicas(GenericKubernetesResource live) {
        return number(live.get("spec", "replicas"), 1);
    }

    /** Whether status.loadBalancer.ingress has an address (a LoadBalancer Service's, an Ingress's). */
    static boolean hasLoadBalancerIngress(GenericKubernetesResource live) {
        return !list(live.get("status", "loadBalancer", "ingress")).isEmpty();
    }

    private Fields() {
    }
}
