package io.sluice.api.read;

import java.util.List;

/** A document whose errors make it unusable; the message names the file, the object and each field. */
public final class InvalidDocumentException extends IllegalArgumentException {
    private final transient List<String> errors;

    public InvalidDocumentException(List<String> errors) {
        super(String.join("; ", errors));
        this.errors = List.copyOf(errors);
    }

    /** Each error on its own, as {@code <file>: <Kind/namespace/name>: <field>: <problem>}. */
    public List<String> errors() {
        return errors;
    }
}
