package io.sluice.apply.health;

import static io.sluice.apply.health.Fields.number;
import static io.sluice.apply.health.Fields.text;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sluice.apply.health.HealthAssessor.Health;

/** apps/v1 DaemonSet: every scheduled pod updated and available (with OnDelete, observed is enough). */
final class DaemonSetHealth implements HealthRule {

    @Override
    public Health assess(GenericKubernetesResource live) {
        Health unobserved = Fields.unobservedSpec(live);
        if (unobserved != null) {
            return unobserved;
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
}
