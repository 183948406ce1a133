package io.sluice.apply.sync;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sluice.api.ObjectRef;
import io.sluice.api.status.HealthCode;
import io.sluice.apply.health.HealthAssessor.Health;
import io.sluice.apply.health.HealthAssessor;
import io.sluice.apply.sync.ApplyResult.Failure;
import io.sluice.events.AppStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Lets a sync go on to its next step only once every object of the step before is healthy (a
 * hook: a Job once Complete, anything else once Healthy). It never blocks: a step that is not
 * healthy yet makes the apply stop and say what it waits for, and the reconcile that comes next
 * (a watched object's change, or the short re-check) applies again (a no-op for what is done) and
 * asks again. A step still not healthy after {@code sluice.apply.wave-timeout} fails the sync,
 * naming the object.
 */
@ApplicationScoped
class WaveGate {
    private final Duration timeout;
    /** Per application, the step it waits for and since when. */
    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();

    private record Waiting(String step, long sinceNanos) {
    }

    /** One object of a step as it is now. */
    record Checked(ObjectRef ref, GenericKubernetesResource live) {
    }

    /** The gate's answer: passed; or waiting (with what for); or failed. */
    record Verdict(boolean passed, String waitingFor, Failure failure) {
    }

    WaveGate(@ConfigProperty(name = "sluice.apply.wave-timeout") Duration timeout) {
        this.timeout = timeout;
    }

    Verdict check(String appId, String step, List<Checked> objects) {
        for (Checked checked : objects) {
            Health health = checked.live() == null ? new Health(HealthCode.MISSING, "not found")
                    : HealthAssessor.assess(checked.live());
            if (HealthCode.HEALTHY.equals(health.status())) {
                continue;
            }
            String name = checked.ref().display();
            String what = health.status()
                    + (health.message() == null || health.message().isBlank() ? "" : ": " + health.message());
            if (HealthCode.DEGRADED.equals(health.status())) {
                waiting.remove(appId);
                return new Verdict(false, null, new Failure(checked.ref(), name + ": " + step + " failed: " + what));
            }
            Waiting since = waiting.compute(appId, (id, w) -> w != null && w.step().equals(step) ? w
                    : new Waiting(step, System.nanoTime()));
            if (System.nanoTime() - since.sinceNanos() > timeout.toNanos()) {
                waiting.remove(appId);
                return new Verdict(false, null, new Failure(checked.ref(), name + ": " + step + " not healthy after "
                        + timeout.toSeconds() + " s: " + what));
            }
            return new Verdict(false, "waiting for " + step + ": " + name + " is " + what, null);
        }
        waiting.remove(appId);
        return new Verdict(true, null, null);
    }
}
