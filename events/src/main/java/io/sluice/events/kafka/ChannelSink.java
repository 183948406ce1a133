package io.sluice.events.kafka;

import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.sluice.events.Event;
import io.sluice.events.EventAttributes;
import io.sluice.events.Json;
import io.sluice.events.Message;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * Publishes through a SmallRye Kafka channel: one outgoing channel per service, each record naming
 * its topic and key in {@link OutgoingKafkaRecordMetadata} (topic names live once, in
 * {@link io.sluice.events.Topics}). The caller's OpenTelemetry context goes with the record, so the
 * connector writes the {@code traceparent} header under the caller's span; an {@link Event} also
 * gets its CloudEvents attributes ({@link EventAttributes}), which the connector writes as
 * {@code ce_} headers. Each call waits for the broker's acknowledgement.
 */
public final class ChannelSink implements MessageSink {
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final MutinyEmitter<String> emitter;

    public ChannelSink(MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    @Override
    public void send(String topic, String key, Message message) {
        Metadata metadata = metadata(topic, key);
        if (message instanceof Event event) {
            metadata = metadata.with(cloudEvent(event));
        }
        emit(topic, key, Json.write(message), metadata);
    }

    @Override
    public void tombstone(String topic, String key) {
        emit(topic, key, null, metadata(topic, key));
    }

    private void emit(String topic, String key, String value, Metadata metadata) {
        try {
            emitter.sendMessage(org.eclipse.microprofile.reactive.messaging.Message.of(value, metadata)).await()
                    .atMost(ACK_TIMEOUT);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot send " + key + " to " + topic + ": " + e.getMessage(), e);
        }
    }

    private static Metadata metadata(String topic, String key) {
        return Metadata.of(OutgoingKafkaRecordMetadata.<String>builder().withTopic(topic).withKey(key).build(),
                TracingMetadata.withCurrent(Context.current()));
    }

    private static OutgoingCloudEventMetadata<Object> cloudEvent(Event event) {
        EventAttributes attributes = EventAttributes.of(event);
        return OutgoingCloudEventMetadata.builder().withId(attributes.id()).withType(attributes.type())
                .withSource(attributes.source()).withSubject(attributes.subject())
                .withDataContentType(EventAttributes.DATA_CONTENT_TYPE)
                .withTimestamp(attributes.time() == null ? null : attributes.time().toZonedDateTime()).build();
    }
}
