package io.sluice.source.config;

import io.sluice.api.ObjectRef;
import io.sluice.api.read.Problem;
import io.sluice.events.ConfigProblems;

/**
 * Something wrong in a configuration file, or something in it Sluice does not act on (a warning).
 * {@code key} is the key of the document's {@link ConfigProblems} record: its id, or
 * {@link ConfigProblems#fileKey} for a problem of the file (unreadable, a document without a name);
 * {@code about} is what its event is about: the document, or a {@code ConfigFile} ref naming the
 * file; {@code origin} is the file; {@code message} names the file, the line, the object and the field.
 */
public record ConfigProblem(String key, ObjectRef about, String origin, Problem.Severity severity, String message) {

    /** A problem of the file {@code origin} as a whole. */
    static ConfigProblem ofFile(String origin, String message) {
        return new ConfigProblem(ConfigProblems.fileKey(origin), file(origin), origin, Problem.Severity.ERROR,
                message);
    }

    /** What events about the file {@code file} as a whole are about. */
    static ObjectRef file(String file) {
        return new ObjectRef(null, "ConfigFile", null, file);
    }

    boolean isError() {
        return severity == Problem.Severity.ERROR;
    }
}
