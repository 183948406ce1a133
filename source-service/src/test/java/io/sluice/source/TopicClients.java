package io.sluice.source;

import io.sluice.events.Event;
import io.sluice.events.SourceArtifact;
import io.sluice.events.Topics;
import io.sluice.events.kafka.Publisher;
import io.sluice.testkit.kafka.KafkaBroker;

/** What a test of this service talks to Kafka with: a producer, and recorders of the artifacts and events topics. */
final class TopicClients implements AutoCloseable {
    final Publisher publisher = new Publisher(KafkaBroker.shared().bootstrapServers());
    final TopicRecorder<SourceArtifact> artifacts = new TopicRecorder<>(Topics.SOURCE_ARTIFACTS, SourceArtifact.class);
    final TopicRecorder<Event> events = new TopicRecorder<>(Topics.EVENTS, Event.class);

    @Override
    public void close() {
        artifacts.close();
        events.close();
        publisher.close();
    }
}
