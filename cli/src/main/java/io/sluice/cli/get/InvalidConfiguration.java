package io.sluice.cli.get;

import io.sluice.events.ConfigProblems;

/**
 * How a listing says that a configuration document has errors (source-service did not publish it):
 * its first error, naming file, object and field, and how many more there are.
 */
final class InvalidConfiguration {
    /** The document was never valid: Sluice has nothing of it. */
    static final String NEVER_VALID = "invalid configuration: ";
    /** An application's latest document is invalid; the last valid one is still what is applied. */
    static final String LAST_VALID_APPLIED = "configuration invalid, the last valid version stays applied: ";
    /** A source's latest document is invalid; the last valid one is still what is polled. */
    static final String LAST_VALID_IN_USE = "configuration invalid, the last valid version stays in use: ";

    /** {@code prefix}, the first error and "(+N more)" when there are more. */
    static String message(String prefix, ConfigProblems problems) {
        int more = problems.errors().size() - 1;
        return prefix + problems.errors().get(0) + (more > 0 ? " (+" + more + " more)" : "");
    }

    /** Whether {@code problems} (null when the document has none) make the document unusable. */
    static boolean invalid(ConfigProblems problems) {
        return problems != null && problems.invalid();
    }

    private InvalidConfiguration() {
    }
}
