package io.sluice.api.read;

import io.sluice.api.ObjectRef;
import java.util.List;

/**
 * A document read into its type: the value, unless an error makes it unusable, and every problem
 * found, errors and warnings, each naming its field. {@code ref} names the document as far as it
 * could be read.
 */
public record ReadResult<T>(T value, ObjectRef ref, Origin origin, List<Problem> problems) {

    /** Whether the document is usable: it has no errors (it may have warnings). */
    public boolean valid() {
        return value != null;
    }

    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }

    public List<Problem> warnings() {
        return problems.stream().filter(problem -> !problem.isError()).toList();
    }

    /**
     * A problem as people read it: {@code apps.yaml:14 (document 2): Kustomization flux-system/web:
     * spec.interval must be longer than 0, not '0s'}.
     */
    public String describe(Problem problem) {
        return where() + ": " + problem;
    }

    /** Each error, described. */
    public List<String> errorMessages() {
        return errors().stream().map(this::describe).toList();
    }

    /** Each warning, described. */
    public List<String> warningMessages() {
        return warnings().stream().map(this::describe).toList();
    }

    /** The value; an {@link InvalidDocumentException} listing every error when the document is not usable. */
    public T orElseThrow() {
        if (value == null) {
            throw new InvalidDocumentException(errorMessages());
        }
        return value;
    }

    /** The file, and the object as far as it is known. */
    public String where() {
        String object = ref == null || ref.kind() == null || ref.name() == null ? null
                : ref.kind() + " " + (ref.namespace() == null || ref.namespace().isEmpty() ? "" : ref.namespace() + "/")
                        + ref.name();
        return object == null ? origin.toString() : origin + ": " + object;
    }
}
