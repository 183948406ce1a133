package io.sluice.events;

import io.sluice.api.Kind;
import io.sluice.api.ObjectRef;
import io.sluice.api.Resource;
import io.sluice.api.read.Origin;
import io.sluice.api.read.ReadResult;
import java.util.Map;

/**
 * A configuration document (GitRepository, Kustomization, Provider, ...) as the user wrote it,
 * on {@link Topics#CONFIG}, keyed by {@code ref.id()}. Deleting a document publishes a tombstone.
 * Only documents that read without error are published (their problems go to
 * {@link Topics#CONFIG_PROBLEMS}); consumers read them into their type with {@link #read}.
 */
public record ConfigDocument(int schemaVersion, ObjectRef ref, String origin, Map<String, Object> document)
        implements Message {
    public static final int VERSION = 1;

    public static ConfigDocument of(ObjectRef ref, String origin, Map<String, Object> document) {
        return new ConfigDocument(VERSION, ref, origin, document);
    }

    /** The document read as {@code kind}'s type; its problems name the document's file. */
    public <T extends Resource> ReadResult<T> read(Kind<T> kind) {
        return kind.read(document, Origin.of(origin == null ? ref.display() : origin));
    }

    /** The spec as written, for digests of what an application's render depends on. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> spec() {
        Object spec = document.get("spec");
        return spec instanceof Map ? (Map<String, Object>) spec : Map.of();
    }
}
