package io.sluice.apply.health;

import static io.sluice.apply.health.Fields.number;
import static io.sluice.apply.health.Fields.text;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sluice.apply.health.HealthAssessor.Health;

/** Health of the apps/v1 workloads: done when the controller saw the spec and every replica is updated and ready. */
final class WorkloadHealth {

    static Health deployment(GenericKubernetesResource live) {
        if (Boolean.TRUE.equals(live.get("spec", "paused"))) {
            return Health.suspended("Deployment is paused");
        }
        var progressing = Conditions.find(live, "Progressing");
        if (progressing.isPresent() && "ProgressDeadlineExceeded".equals(progressing.get().get("reason"))) {
            return Health.degraded("Deployment exceeded its progress deadline: " + progressing.get().get("message"));
        }
        if (notObserved(live)) {
            return Health.progressing("waiting for the rollout of generation " + live.getMetadata().getGeneration()
                    + " to be observed");
        }
        long replicas = replicas(live);
        long updated = number(live.get("status", "updatedReplicas"));
        long available = number(live.get("status", "availableReplicas"));
        if (updated == replicas && available == replicas) {
            return Health.healthy();
        }
        return Health.progressing(updated + " of " + replicas + " replicas updated, " + available + " available");
    }

    static Health statefulSet(GenericKubernetesResource live) {
        if (notObserved(live)) {
            return Health.progressing("waiting for the StatefulSet spec of generation "
                    + live.getMetadata().getGeneration() + " to be observed");
        }
        long replicas = replicas(live);
        long ready = number(live.get("status", "readyReplicas"));
        if (ready < replicas) {
            return Health.progressing(ready + " of " + replicas + " pods ready");
        }
        if ("OnDelete".equals(text(live.get("spec", "updateStrategy", "type")))) {
            return Health.healthy();
        }
        Object partition = live.get("spec", "updateStrategy", "rollingUpdate", "partition");
        long updated = number(live.get("status", "updatedReplicas"));
        if (partition instanceof Number p && p.longValue() > 0) {
            long expected = Math.max(0, replicas - p.longValue());
            return updated < expected ? Health.progressing(updated + " of " + expected
                    + " pods above the partition updated") : Health.healthy();
        }
        String current = text(live.get("status", "currentRevision"));
        String update = text(live.get("status", "updateRevision"));
        if (update != null && !update.equals(current)) {
            return Health.progressing("rolling update to revision " + update + ": " + updated + " of " + replicas
                    + " pods updated");
        }
        return Health.healthy();
    }

    static Health daemonSet(GenericKubernetesResource live) {
        if (notObserved(live)) {
            return Health.progressing("waiting for the DaemonSet spec of generation "
                    + live.getMetadata().getGeneration() + " to be observed");
        }
        if ("OnDelete".equals(text(live.get("spec", "updateStrategy", "type")))) {
            return Health.healthy();
        }
        long desired = number(live.get("status", "desiredNumberScheduled"));
        long updated = number(live.get("status", "updatedNumberScheduled"));
        long available = number(live.get("status", "numberAvailable"));
        if (updated < desired) {
            return Health.progressing(updated + " of " + desired + " pods updated");
        }
        if (available < desired) {
            return Health.progressing(available + " of " + desired + " pods available");
        }
        return Health.healthy();
    }

    static Health replicaSet(GenericKubernetesResource live) {
        if (notObserved(live)) {
            return Health.progressing("waiting for the ReplicaSet spec of generation "
                    + live.getMetadata().getGeneration() + " to be observed");
        }
        var failure = Conditions.find(live, "ReplicaFailure");
        if (failure.isPresent() && "True".equals(failure.get().get("status"))) {
            return Health.degraded("ReplicaSet cannot create pods: " + failure.get().get("message"));
        }
        long replicas = replicas(live);
        long available = number(live.get("status", "availableReplicas"));
        return available < replicas ? Health.progressing(available + " of " + replicas + " replicas available")
                : Health.healthy();
    }

    /** A workload controller reports observedGeneration once it saw the spec; until then it is not done. */
    private static boolean notObserved(GenericKubernetesResource live) {
        return number(live.get("status", "observedGeneration")) < number(live.getMetadata().getGeneration());
    }

    /** spec.replicas, which the API server defaults to 1. */
    private static long replicas(GenericKubernetesResource live) {
        return number(live.get("spec", "replicas"), 1);
    }

    private WorkloadHealth() {
    }
}
