package io.sluice.notification.health;

import io.sluice.notification.NotificationService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once every Alert and Provider is read and events are being taken. */
@Readiness
@ApplicationScoped
public class NotificationReadiness implements HealthCheck {
    @Inject
    NotificationService service;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("notification-views").status(service.ready()).build();
    }
}
