package io.sluice.apply.app;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the views have caught up with Kafka, the cluster has answered and the group has given this instance its share. */
@Readiness
@ApplicationScoped
public class ApplyReadiness implements HealthCheck {
    private final AppWorker worker;

    ApplyReadiness(AppWorker worker) {
        this.worker = worker;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("apply-service").status(worker.ready()).build();
    }
}
