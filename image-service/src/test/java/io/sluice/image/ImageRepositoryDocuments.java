package io.sluice.image;

import io.sluice.api.ObjectRef;
import io.sluice.events.ConfigDocument;
import io.sluice.events.Topics;
import io.sluice.events.kafka.MessageSink;
import java.util.Map;

/** ImageRepositories in flux-system published on sluice.config as source-service publishes them. */
final class ImageRepositoryDocuments {
    private static final String API_VERSION = "image.toolkit.fluxcd.io/v1beta2";

    static ObjectRef publish(MessageSink sink, String name, Map<String, Object> spec) {
        ObjectRef ref = ref(name);
        Map<String, Object> document = Map.of("apiVersion", API_VERSION, "kind", ref.kind(),
                "metadata", Map.of("name", name, "namespace", "flux-system"), "spec", spec);
        sink.send(Topics.CONFIG, ref.id(), ConfigDocument.of(ref, "images/" + name + ".yaml", document));
        return ref;
    }

    static ObjectRef ref(String name) {
        return new ObjectRef(API_VERSION, "ImageRepository", "flux-system", name);
    }

    private ImageRepositoryDocuments() {
    }
}
