package io.sluice.apply.health;

import static io.sluice.apply.health.Fields.list;
import static io.sluice.apply.health.Fields.text;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sluice.apply.health.HealthAssessor.Health;
import java.util.Map;

/**
 * Health of a Pod: a container stuck waiting on an error (CrashLoopBackOff, ImagePullBackOff,
 * ErrImagePull, CreateContainerConfigError...) makes it Degraded whatever its phase; otherwise
 * its phase and, for a long-running pod, its Ready condition decide.
 */
final class PodHealth implements HealthRule {

    @Override
    public Health assess(GenericKubernetesResource live) {
        String stuck = stuckContainer(live);
        if (stuck != null) {
            return Health.degraded(stuck);
        }
        String phase = text(live.get("status", "phase"));
        String message = text(live.get("status", "message"));
        if ("Succeeded".equals(phase)) {
            return Health.healthy();
        }
        if ("Failed".equals(phase)) {
            return Health.degraded("Pod failed" + (message == null ? "" : ": " + message));
        }
        if ("Running".equals(phase)) {
            String restartPolicy = text(live.get("spec", "restartPolicy"));
            boolean longRunning = restartPolicy == null || "Always".equals(restartPolicy);
            if (longRunning && Conditions.isTrue(live, "Ready")) {
                return Health.healthy();
            }
            return Health.progressing(longRunning ? "Pod running, not Ready yet" : "Pod running to completion");
        }
        return Health.progressing("Pod is " + (phase == null ? "not scheduled yet" : phase));
    }

    /** The first container waiting on an error, as "container name: reason: message"; null when none is. */
    private static String stuckContainer(GenericKubernetesResource live) {
        for (String field : new String[] {"initContainerStatuses", "containerStatuses"}) {
            for (Object item : list(live.get("status", field))) {
                if (item instanceof Map<?, ?> container && container.get("state") instanceof Map<?, ?> state
                        && state.get("waiting") instanceof Map<?, ?> waiting
                        && waiting.get("reason") instanceof String reason && isError(reason)) {
                    Object detail = waiting.get("message");
                    return "container " + container.get("name") + ": " + reason + (detail == null ? "" : ": " + detail);
                }
            }
        }
        return null;
    }

    /** The kubelet's waiting reasons that need a change to recover (not ContainerCreating or PodInitializing). */
    private static boolean isError(String reason) {
        return reason.endsWith("BackOff") || reason.startsWith("Err") || reason.endsWith("Error")
                || "InvalidImageName".equals(reason);
    }
}
