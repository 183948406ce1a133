package io.sluice.events;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;

/**
 * The CloudEvents attributes an {@link Event} travels with on {@link Topics#EVENTS} (binary mode: the
 * attributes are {@code ce_} headers, the record's value is the event as JSON). Subscribers outside
 * Sluice read these: {@code type} is {@code io.sluice.<stage>.<reason>}, the reporting stage without
 * "-service" and the Flux-style reason in lower-case words joined by "-" (a ReconciliationSucceeded
 * of apply-service is {@code io.sluice.apply.reconciliation-succeeded}); {@code source} is
 * {@code /sluice/<reporting service>}; {@code subject} is the involved object's id, the record's key.
 */
public record EventAttributes(String id, String type, URI source, String subject, OffsetDateTime time) {
    public static final String TYPE_PREFIX = "io.sluice.";
    public static final String DATA_CONTENT_TYPE = "application/json";

    public static EventAttributes of(Event event) {
        String service = event.reportingService() == null ? "sluice" : event.reportingService();
        String stage = service.endsWith("-service") ? service.substring(0, service.length() - "-service".length())
                : service;
        return new EventAttributes(UUID.randomUUID().toString(), TYPE_PREFIX + stage + "." + words(event.reason()),
                URI.create("/sluice/" + service), event.involvedObject().id(),
                event.time() == null ? null : event.time().atOffset(ZoneOffset.UTC));
    }

    /** "ReconciliationSucceeded" → "reconciliation-succeeded". */
    static String words(String reason) {
        if (reason == null || reason.isEmpty()) {
            return "event";
        }
        return reason.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
