package io.sluice.events;

import java.time.Instant;

/**
 * A source's newest artifact, on {@link Topics#SOURCE_ARTIFACTS}, keyed by the source id.
 * Consumers fetch {@code url} and must check that its sha256 equals {@code digest}.
 */
public record SourceArtifact(int schemaVersion, String sourceId, String repositoryUrl, String revision,
        String digest, String url, long size, Instant time, CommitTrace trace) implements Message {
    public static final int VERSION = 1;

    public static SourceArtifact of(String sourceId, String repositoryUrl, String revision, String digest,
            String url, long size, Instant time) {
        return new SourceArtifact(VERSION, sourceId, repositoryUrl, revision, digest, url, size, time, null);
    }

    /** The same artifact carrying its commit's trace ({@code null} in artifacts of older producers). */
    public SourceArtifact withTrace(CommitTrace commit) {
        return new SourceArtifact(schemaVersion, sourceId, repositoryUrl, revision, digest, url, size, time, commit);
    }
}
