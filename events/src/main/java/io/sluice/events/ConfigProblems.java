package io.sluice.events;

import io.sluice.api.ObjectRef;
import java.time.Instant;
import java.util.List;

/**
 * What is wrong with one configuration document, on {@link Topics#CONFIG_PROBLEMS}, keyed by the
 * document's id ({@code ref.id()}), or by {@code file:<origin>} for a file that could not be read at
 * all (then {@code ref} is null). An invalid document is never published on {@link Topics#CONFIG}:
 * the last valid one stays there, and this record says why the new one is not used. {@code errors}
 * and {@code warnings} are whole messages naming the file, the object and the field. Tombstoned when
 * the document reads cleanly again or is gone.
 */
public record ConfigProblems(int schemaVersion, ObjectRef ref, String origin, List<String> errors,
        List<String> warnings, Instant time) implements Message {
    public static final int VERSION = 1;

    /** The key of the problems of a file none of whose documents could be read. */
    public static String fileKey(String origin) {
        return "file:" + origin;
    }

    public boolean invalid() {
        return errors != null && !errors.isEmpty();
    }
}
