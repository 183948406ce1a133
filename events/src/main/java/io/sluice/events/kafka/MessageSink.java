package io.sluice.events.kafka;

import io.sluice.events.Message;

/**
 * Where a stage publishes: each call returns once the broker has stored the record, so a caller
 * knows what it published is there. Services publish through the SmallRye Kafka connector
 * ({@link ChannelSink}); the CLI and tests, which are no Quarkus applications, through {@link Publisher}.
 */
public interface MessageSink {
    void send(String topic, String key, Message message);

    /** Marks a key deleted on a compacted topic. */
    void tombstone(String topic, String key);
}
