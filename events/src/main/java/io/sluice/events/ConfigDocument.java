package io.sluice.events;

import io.sluice.api.ObjectRef;
import java.util.Map;

/**
 * A configuration document (GitRepository, Kustomization, Provider, ...) as the user wrote it,
 * on {@link Topics#CONFIG}, keyed by {@code ref.id()}. Deleting a document publishes a tombstone.
 */
public record ConfigDocument(int schemaVersion, ObjectRef ref, String origin, Map<String, Object> document)
        implements Message {
    public static final int VERSION = 1;

    public static ConfigDocument of(ObjectRef ref, String origin, Map<String, Object> document) {
        return new ConfigDocument(VERSION, ref, origin, document);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> spec() {
        Object spec = document.get("spec");
        return spec instanceof Map ? (Map<String, Object>) spec : Map.of();
    }
}
