package io.sluice.notification.provider;

import io.sluice.api.ObjectRef;
import io.sluice.events.Event;
import java.util.LinkedHashMap;
import java.util.Map;

/** An event in the JSON form Flux's notification-controller posts to generic webhooks. */
public final class FluxEventPayload {

    /** The body for {@code event}; {@code alertMetadata} (an Alert's spec.eventMetadata) joins its metadata. */
    public static Map<String, Object> of(Event event, Map<String, String> alertMetadata) {
        ObjectRef object = event.involvedObject();
        Map<String, Object> involved = new LinkedHashMap<>();
        involved.put("kind", object.kind());
        involved.put("namespace", object.namespace());
        involved.put("name", object.name());
        involved.put("apiVersion", object.apiVersion());
        Map<String, String> metadata = new LinkedHashMap<>(alertMetadata);
        if (event.revision() != null) {
            metadata.put("revision", event.revision());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("involvedObject", involved);
        body.put("severity", event.severity());
        body.put("timestamp", event.time() == null ? null : event.time().toString());
        body.put("message", event.message());
        body.put("reason", event.reason());
        body.put("metadata", metadata);
        body.put("reportingController", event.reportingService());
        // Sluice's events name the reporting service, not its instance.
        body.put("reportingInstance", event.reportingService());
        return body;
    }

    private FluxEventPayload() {
    }
}
