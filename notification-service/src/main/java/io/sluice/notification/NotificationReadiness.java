package io.sluice.notification;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once every Alert and Provider is read and events are being taken. */
@Readiness
@ApplicationScoped
public class NotificationReadiness implements HealthCheck {
    private final NotificationService service;

    public NotificationReadiness(NotificationService service) {
        this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("notification-views").status(service.ready()).build();
    }
}
