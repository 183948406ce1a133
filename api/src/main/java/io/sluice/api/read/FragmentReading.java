package io.sluice.api.read;

import io.sluice.api.ObjectRef;
import java.util.List;
import java.util.function.Function;

/**
 * Reads a part of a document on its own, at the path it has in its document, with the checks a
 * whole document gets (unread fields included): for a part that a stage rebuilds after reading the
 * document, such as an Argo CD source merged with the .argocd-source files of its folder.
 */
public final class FragmentReading {

    /**
     * Reads {@code value} (maps, lists and scalars, as parsed YAML gives them), found at {@code path}
     * in the document {@code ref} from {@code origin}, with {@code reader}; the result's value is null
     * when there is an error.
     */
    public static <T> ReadResult<T> read(Object value, String path, ObjectRef ref, Origin origin,
            Function<Node, T> reader) {
        Reading reading = new Reading();
        T read = reader.apply(new Node(value, path, reading));
        List<Problem> problems = reading.finish();
        return new ReadResult<>(problems.stream().anyMatch(Problem::isError) ? null : read, ref, origin, problems);
    }

    private FragmentReading() {
    }
}
