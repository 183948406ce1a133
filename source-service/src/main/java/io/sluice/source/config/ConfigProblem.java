package io.sluice.source.config;

import io.sluice.api.ObjectRef;

/**
 * Something wrong in a config folder. {@code about} is the document when it could be named, else
 * a {@code ConfigFile} ref naming the file; {@code message} names the file and the field.
 */
public record ConfigProblem(ObjectRef about, String message) {
    static ObjectRef file(String file) {
        return new ObjectRef(null, "ConfigFile", null, file);
    }
}
