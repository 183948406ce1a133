package io.sluice.render.manifest;

import java.util.List;

/** A render that cannot produce objects; each error names the file, field or object at fault. */
public final class RenderException extends Exception {
    private final List<String> errors;

    public RenderException(List<String> errors) {
        super(String.join("; ", errors));
        this.errors = List.copyOf(errors);
    }

    public RenderException(String error) {
        this(List.of(error));
    }

    public List<String> errors() {
        return errors;
    }
}
