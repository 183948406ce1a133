package io.sluice.apply.health;

import static io.sluice.apply.health.Fields.number;
import static io.sluice.apply.health.Fields.text;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sluice.apply.health.HealthAssessor.Health;

/**
 * apps/v1 StatefulSet: every pod ready, and updated to the latest revision (above the partition of
 * a partitioned rolling update; with OnDelete, ready is enough).
 */
final class StatefulSetHealth implements HealthRule {

    @Override
    public Health assess(GenericKubernetesResource live) {
        Health unobserved = Fields.unobservedSpec(live);
        if (unobserved != null) {
            return unobserved;
        }
        long replicas = Fields.replicas(live);
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
}
