package io.sluice.notification.api;

import io.sluice.notification.NotificationService;
import io.sluice.notification.alert.AlertRule;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.List;

/** GET /api/alerts: the Alerts this service follows, as {@code flux get alerts} would list them. */
@Path("/api/alerts")
public class AlertsResource {
    @Inject
    NotificationService service;

    /** One Alert: its provider, the kinds/names it listens to, and what in it is not honoured. */
    public record AlertView(String namespace, String name, String provider, boolean providerFound,
            List<String> eventSources, String eventSeverity, boolean suspended, List<String> problems) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<AlertView> list() {
        return service.alerts().all().stream()
                .sorted(Comparator.comparing((AlertRule a) -> a.ref().namespace()).thenComparing(a -> a.ref().name()))
                .map(a -> new AlertView(a.ref().namespace(), a.ref().name(),
                        a.provider() == null ? null : a.provider().namespace() + "/" + a.provider().name(),
                        a.provider() != null && service.config(a.provider().id()) != null,
                        a.sources().stream().map(s -> s.kind() + "/" + s.namespace() + "/" + s.name()).toList(),
                        a.errorsOnly() ? "error" : "info", a.suspend(), a.problems()))
                .toList();
    }
}
