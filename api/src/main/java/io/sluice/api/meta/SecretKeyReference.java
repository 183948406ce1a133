package io.sluice.api.meta;

import io.sluice.api.read.Node;

/** A key of a Secret in the referring object's namespace; {@code key} null: the reader's default key. */
public record SecretKeyReference(String name, String key) {

    public static SecretKeyReference read(Node reference) {
        return new SecretKeyReference(reference.get("name").requiredString(), reference.get("key").string());
    }
}
