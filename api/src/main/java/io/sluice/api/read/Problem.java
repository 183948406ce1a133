package io.sluice.api.read;

/**
 * One thing wrong with a document: an {@link Severity#ERROR} makes it unusable, a
 * {@link Severity#WARNING} says what Sluice will not act on (a field it does not support yet, or does
 * not know). {@code field} is the path of the field it is about, such as
 * {@code spec.sources[1].helm.valueFiles}; empty for the document as a whole.
 */
public record Problem(Severity severity, String field, String message) {

    public enum Severity { ERROR, WARNING }

    public static Problem error(String field, String message) {
        return new Problem(Severity.ERROR, field, message);
    }

    public static Problem warning(String field, String message) {
        return new Problem(Severity.WARNING, field, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /**
     * {@code field message}, as in "spec.interval must be longer than 0, not '0s'": messages are written
     * to follow the field's name; the message alone for the document as a whole.
     */
    @Override
    public String toString() {
        return field == null || field.isEmpty() ? message : field + " " + message;
    }
}
