package io.sluice.source.artifact;

import io.sluice.events.SourceArtifact;
import io.sluice.events.Topics;
import io.sluice.events.kafka.MessageSink;
import io.sluice.source.ownership.SourceOwnership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The artifact each source this instance owns has on sluice.source.artifacts, as this instance
 * published it (or found it when it took the source over), so that a poll publishes only what
 * changed and neither a restart nor a hand-over republishes anything. Only the owner of a source
 * publishes for it.
 */
@ApplicationScoped
public class PublishedArtifacts {
    private final MessageSink sink;
    private final ArtifactStore store;
    private final SourceOwnership ownership;
    private final Map<String, SourceArtifact> published = new ConcurrentHashMap<>();

    @Inject
    public PublishedArtifacts(MessageSink sink, ArtifactStore store, SourceOwnership ownership) {
        this.sink = sink;
        this.store = store;
        this.ownership = ownership;
    }

    /** What sluice.source.artifacts holds for the sources this instance has just taken over. */
    public void seed(Map<String, SourceArtifact> current) {
        published.putAll(current);
    }

    /** The source's artifact on the topic, or null. */
    public SourceArtifact get(String sourceId) {
        return published.get(sourceId);
    }

    /** The revision of the source's artifact on the topic, or null. */
    public String revision(String sourceId) {
        SourceArtifact artifact = published.get(sourceId);
        return artifact == null ? null : artifact.revision();
    }

    /**
     * Publishes the source's new artifact and records it once the broker has it; false, publishing
     * nothing, when the source has moved to another instance (which publishes it instead).
     */
    public boolean publish(String sourceId, SourceArtifact artifact) {
        return ownership.whileOwned(sourceId, () -> {
            sink.send(Topics.SOURCE_ARTIFACTS, sourceId, artifact);
            published.put(sourceId, artifact);
        });
    }

    /** A deleted source's artifact leaves the topic (if this instance owns the source) and the store. */
    public void forget(String sourceId) {
        ownership.whileOwned(sourceId, () -> {
            if (published.remove(sourceId) != null) {
                sink.tombstone(Topics.SOURCE_ARTIFACTS, sourceId);
            }
        });
        store.forget(sourceId);
    }

    /** Forgets what it knew of the sources handed over: their next owner publishes for them. */
    public void handOver() {
        published.keySet().removeIf(sourceId -> !ownership.owns(sourceId));
    }
}
