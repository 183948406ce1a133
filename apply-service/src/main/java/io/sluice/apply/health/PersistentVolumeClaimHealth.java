package io.sluice.apply.health;

import static io.sluice.apply.health.Fields.text;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sluice.apply.health.HealthAssessor.Health;

/** v1 PersistentVolumeClaim: Healthy once Bound, Degraded when it lost its volume. */
final class PersistentVolumeClaimHealth implements HealthRule {

    @Override
    public Health assess(GenericKubernetesResource live) {
        String phase = text(live.get("status", "phase"));
        if ("Bound".equals(phase)) {
            return Health.healthy();
        }
        if ("Lost".equals(phase)) {
            return Health.degraded("PersistentVolumeClaim lost its volume");
        }
        return Health.progressing("PersistentVolumeClaim is " + (phase == null ? "not bound yet" : phase));
    }
}
