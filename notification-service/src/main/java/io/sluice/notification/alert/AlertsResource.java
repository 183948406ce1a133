package io.sluice.notification.alert;

import io.sluice.api.notification.ObjectSelector;
import io.sluice.notification.NotificationService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.List;

/** GET /api/alerts: the Alerts this service follows, as {@code flux get alerts} would list them. */
@Path("/api/alerts")
public class AlertsResource {
    private final NotificationService service;

    public AlertsResource(NotificationService service) {
        this.service = service;
    }

    /** One Alert: its provider, the kinds/names it listens to, and what in it is not honoured. */
    public record AlertView(String namespace, String name, String provider, boolean providerFound,
            List<String> eventSources, String eventSeverity, boolean suspended, List<String> problems) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<AlertView> list() {
        return service.alerts().all().stream()
                .sorted(Comparator.comparing(rule -> rule.ref().id()))
                .map(rule -> new AlertView(rule.ref().namespace(), rule.ref().name(),
                        rule.provider() == null ? null : rule.provider().namespace() + "/" + rule.provider().name(),
                        rule.provider() != null && service.providers().get(rule.provider()) != null,
                        rule.sources().stream().map(AlertsResource::source).toList(),
                        rule.errorsOnly() ? "error" : "info", rule.suspend(), rule.problems()))
                .toList();
    }

    private static String source(ObjectSelector source) {
        return source.kind() + "/" + source.namespace() + "/" + source.name();
    }
}
