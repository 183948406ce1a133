package io.sluice.image.health;

import io.sluice.image.ImageService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the config topic is read to its end, so every ImageRepository is being scanned. */
@Readiness
@ApplicationScoped
public class ImageReadiness implements HealthCheck {
    @Inject
    ImageService service;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("image-views").status(service.ready()).build();
    }
}
