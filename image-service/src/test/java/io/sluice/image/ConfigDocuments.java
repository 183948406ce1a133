package io.sluice.image;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sluice.api.ObjectRef;
import io.sluice.events.ConfigDocument;
import io.sluice.events.Topics;
import io.sluice.events.kafka.MessageSink;
import java.io.IOException;
import java.util.Map;

/** Configuration documents published on sluice.config as source-service publishes them. */
final class ConfigDocuments {
    private static final String API_VERSION = "image.toolkit.fluxcd.io/v1beta2";

    static ObjectRef publish(MessageSink sink, String name, Map<String, Object> spec) {
        ObjectRef ref = ref(name);
        Map<String, Object> document = Map.of("apiVersion", API_VERSION, "kind", ref.kind(),
                "metadata", Map.of("name", name, "namespace", "flux-system"), "spec", spec);
        sink.send(Topics.CONFIG, ref.id(), ConfigDocument.of(ref, "images/" + name + ".yaml", document));
        return ref;
    }

    /** Publishes the document {@code kind} {@code namespace/name} whose spec is the YAML {@code spec}. */
    static ObjectRef publish(MessageSink sink, String namespace, String apiVersion, String kind, String name,
            String spec) throws IOException {
        ObjectRef ref = new ObjectRef(apiVersion, kind, namespace, name);
        @SuppressWarnings("unchecked")
        Map<String, Object> specMap = new YAMLMapper().readValue(spec, Map.class);
        sink.send(Topics.CONFIG, ref.id(), ConfigDocument.of(ref, "config/" + name + ".yaml", Map.of(
                "apiVersion", apiVersion, "kind", kind, "metadata", Map.of("name", name, "namespace", namespace),
                "spec", specMap)));
        return ref;
    }

    static ObjectRef ref(String name) {
        return new ObjectRef(API_VERSION, "ImageRepository", "flux-system", name);
    }

    private ConfigDocuments() {
    }
}
