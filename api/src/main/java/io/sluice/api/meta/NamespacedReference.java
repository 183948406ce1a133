package io.sluice.api.meta;

import io.sluice.api.read.Node;

/**
 * Another object of the same kind, by name and namespace (Flux's {@code dependsOn} entries); the
 * namespace is the referring object's own when not written.
 */
public record NamespacedReference(String name, String namespace) {

    /** Reads {@code {name, namespace}}; {@code defaultNamespace} stands in for a missing namespace. */
    public static NamespacedReference read(Node reference, String defaultNamespace) {
        String name = reference.get("name").requiredString();
        String namespace = reference.get("namespace").string();
        return new NamespacedReference(name, namespace == null ? defaultNamespace : namespace);
    }
}
