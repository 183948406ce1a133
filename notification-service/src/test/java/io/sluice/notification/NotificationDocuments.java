package io.sluice.notification;

import io.sluice.api.ObjectRef;
import io.sluice.events.ConfigDocument;
import io.sluice.events.Topics;
import io.sluice.events.kafka.MessageSink;
import java.util.Map;

/** Providers and Alerts in flux-system published on sluice.config as source-service publishes them. */
final class NotificationDocuments {
    static final String API_VERSION = "notification.toolkit.fluxcd.io/v1beta3";

    static void publish(MessageSink sink, String kind, String name, Map<String, Object> spec) {
        ObjectRef ref = new ObjectRef(API_VERSION, kind, "flux-system", name);
        Map<String, Object> document = Map.of("apiVersion", API_VERSION, "kind", kind,
                "metadata", Map.of("name", name, "namespace", "flux-system"), "spec", spec);
        sink.send(Topics.CONFIG, ref.id(), ConfigDocument.of(ref, "notifications/" + name + ".yaml", document));
    }

    private NotificationDocuments() {
    }
}
