package io.sluice.render.health;

import io.sluice.render.RenderService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the service has read its topics to their end, so it renders from complete state, and has
 * been given its share of the applications by its consumer group.
 */
@Readiness
@ApplicationScoped
public class RenderReadiness implements HealthCheck {
    private final RenderService service;

    @Inject
    public RenderReadiness(RenderService service) {
        this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("render-views").status(service.ready()).build();
    }
}
