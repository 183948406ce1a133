package io.sluice.image;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the config topic is read to its end and the group gave this instance its share: its
 * ImageRepositories are being scanned.
 */
@Readiness
@ApplicationScoped
public class ImageReadiness implements HealthCheck {
    private final ImageService service;

    public ImageReadiness(ImageService service) {
        this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("image-views").status(service.ready()).build();
    }
}
