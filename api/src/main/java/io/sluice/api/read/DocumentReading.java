package io.sluice.api.read;

import io.sluice.api.Kind;
import io.sluice.api.Metadata;
import io.sluice.api.ObjectRef;
import io.sluice.api.Resource;
import java.util.List;
import java.util.Map;

/**
 * Reads one document of a known kind: its apiVersion against the versions the kind has, its
 * metadata, then its spec through the kind's reader; every problem is collected, none stops the
 * read. Used through {@link Kind#read}.
 */
public final class DocumentReading {

    public static <T extends Resource> ReadResult<T> read(Map<String, Object> document, Origin origin, Kind<T> kind,
            Kind.SpecReader<T> reader) {
        Reading reading = new Reading();
        Node root = reading.root(document);
        Node apiVersionField = root.get("apiVersion");
        String apiVersion = apiVersionField.requiredString();
        String kindName = root.get("kind").requiredString();
        root.accepted("status");
        Metadata metadata = Metadata.read(apiVersion, kindName, root.get("metadata"), kind.namespaced());
        ObjectRef ref = metadata.ref();
        if (apiVersion != null && !kind.versions().contains(metadata.version())) {
            apiVersionField.error("'" + apiVersion + "' is not a version of " + kind.name() + " that Sluice reads (it"
                    + " reads " + String.join(", ", kind.versions().stream().map(v -> kind.group() + "/" + v).toList())
                    + ")");
        }
        Node spec = root.get("spec");
        T value = null;
        if (!spec.present()) {
            spec.error("is required");
        } else {
            try {
                value = reader.read(metadata, spec);
            } catch (RuntimeException e) {
                // A reader must record problems, not throw: this is a bug, reported rather than lost.
                reading.add(Problem.error("", "cannot be read (" + e + ")"));
            }
        }
        if (kind.notActedOn() != null) {
            reading.add(Problem.warning("", kind.name() + " documents are read and checked, but no stage acts on"
                    + " them yet: " + kind.notActedOn()));
        }
        List<Problem> problems = reading.finish();
        boolean usable = problems.stream().noneMatch(Problem::isError);
        return new ReadResult<>(usable ? value : null, ref, origin, problems);
    }

    private DocumentReading() {
    }
}
