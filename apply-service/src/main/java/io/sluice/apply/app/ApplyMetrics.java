package io.sluice.apply.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** The stage's meters on /q/metrics, tagged by application id. */
@ApplicationScoped
public class ApplyMetrics {
    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";

    private final MeterRegistry registry;

    ApplyMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One reconcile of {@code app}, with outcome {@value #SUCCESS} or {@value #FAILURE}. */
    void reconciled(String app, String outcome, Duration duration) {
        Timer.builder("sluice.apply.duration")
                .description("Time to apply and prune one application's bundle")
                .tag("app", app).tag("outcome", outcome)
                .register(registry).record(duration);
        if (FAILURE.equals(outcome)) {
            Counter.builder("sluice.apply.failures").description("Reconciles that did not apply their bundle")
                    .tag("app", app).register(registry).increment();
        }
    }

    /** Objects written because they were missing or out of sync; unchanged objects are not applied. */
    void applied(String app, long objects) {
        Counter.builder("sluice.apply.objects.applied").description("Objects server-side applied")
                .tag("app", app).register(registry).increment(objects);
    }

    void pruned(String app, long objects) {
        Counter.builder("sluice.apply.objects.pruned").description("Objects deleted by prune")
                .tag("app", app).register(registry).increment(objects);
    }

    /** Objects changed or deleted outside Sluice while the application's inputs stayed the same, and set right. */
    void driftCorrected(String app, long objects) {
        Counter.builder("sluice.apply.drift.corrected").description("Objects corrected after drift")
                .tag("app", app).register(registry).increment(objects);
    }
}
