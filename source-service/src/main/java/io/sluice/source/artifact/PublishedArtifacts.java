package io.sluice.source.artifact;

import io.sluice.events.SourceArtifact;
import io.sluice.events.Topics;
import io.sluice.events.kafka.Publisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The artifact each source has on sluice.source.artifacts, as this service published it (or found it
 * at start), so that a poll publishes only what changed and a restart republishes nothing.
 */
@ApplicationScoped
public class PublishedArtifacts {
    @Inject
    Publisher publisher;
    @Inject
    ArtifactStore store;

    private final Map<String, SourceArtifact> published = new ConcurrentHashMap<>();

    /** What sluice.source.artifacts holds at start. */
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

    /** Publishes the source's new artifact and records it once the broker has it. */
    public void publish(String sourceId, SourceArtifact artifact) {
        publisher.send(Topics.SOURCE_ARTIFACTS, sourceId, artifact);
        published.put(sourceId, artifact);
    }

    /** A deleted source's artifact leaves the topic and the store. */
    public void forget(String sourceId) {
        if (published.remove(sourceId) != null) {
            publisher.tombstone(Topics.SOURCE_ARTIFACTS, sourceId);
        }
        store.forget(sourceId);
    }
}
