package io.sluice.source;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the service has read sluice.config and sluice.source.artifacts and started polling. */
@Readiness
@ApplicationScoped
public class SourceReadiness implements HealthCheck {
    private final SourceService service;

    @Inject
    public SourceReadiness(SourceService service) {
        this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("sluice-source-topics").status(service.caughtUp()).build();
    }
}
