package io.sluice.render.reconcile;

import io.sluice.events.SourceArtifact;
import io.sluice.render.closure.FileClosure.ReadFiles;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The artifacts one render reads, by source id in the order of the application's sources, and the
 * files of each that the render can read: what a render is given, and what its cache key is made of.
 */
public record SourceFiles(Map<String, SourceArtifact> artifacts, Map<String, ReadFiles> read) {
    private static final String REVISION_SEPARATOR = ", ";

    public SourceArtifact artifact(String sourceId) {
        return artifacts.get(sourceId);
    }

    /** The entries of the artifact of {@code sourceId} that the render can read. */
    public Predicate<String> includes(String sourceId) {
        ReadFiles files = read.get(sourceId);
        return files == null ? entry -> true : files.includes();
    }

    /** The source the bundle names: the first. */
    String sourceId() {
        return artifacts.keySet().stream().findFirst().orElse(null);
    }

    /** The revision the bundle names: each artifact's, in source order, as Argo CD lists a multi-source one's. */
    String revision() {
        return artifacts.values().stream().map(SourceArtifact::revision).filter(Objects::nonNull).distinct()
                .reduce((a, b) -> a + REVISION_SEPARATOR + b).orElse(null);
    }

    /**
     * The artifact whose commit this render belongs to: the first, in the application's source order,
     * whose revision {@code lastRevision} (the last bundle's {@link #revision()}) does not name and that
     * carries a commit trace. A multi-source Argo CD Application thus takes the commit of the source
     * that changed (of the first of them when several did). Empty when no revision is new for the
     * application: a render for its spec or its variables belongs to no commit.
     */
    Optional<SourceArtifact> newCommit(String lastRevision) {
        List<String> named = lastRevision == null ? List.of() : List.of(lastRevision.split(REVISION_SEPARATOR));
        return artifacts.values().stream().filter(artifact -> artifact.trace() != null
                && artifact.revision() != null && !named.contains(artifact.revision())).findFirst();
    }

    /** What the files read digest to, artifact by artifact. */
    List<String> digests() {
        return read.values().stream().map(ReadFiles::digest).toList();
    }
}
