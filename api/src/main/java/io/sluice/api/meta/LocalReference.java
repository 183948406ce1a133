package io.sluice.api.meta;

import io.sluice.api.read.Node;

/** Another object in the referring object's namespace, by name (Flux's {@code secretRef}, {@code providerRef}). */
public record LocalReference(String name) {

    public static LocalReference read(Node reference) {
        return new LocalReference(reference.get("name").requiredString());
    }

    /** The name of the object {@code reference} names; null when not set. */
    public static String name(Node reference) {
        LocalReference read = reference.object(LocalReference::read);
        return read == null ? null : read.name();
    }
}
