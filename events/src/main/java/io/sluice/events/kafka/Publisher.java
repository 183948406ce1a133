package io.sluice.events.kafka;

import io.sluice.events.Json;
import io.sluice.events.Message;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends messages as JSON on the plain Kafka producer and waits for the broker's acknowledgement. For
 * programs that are no Quarkus applications (the CLI, test fixtures); services use {@link ChannelSink}.
 */
public final class Publisher implements MessageSink, AutoCloseable {
    private final KafkaProducer<String, String> producer;

    public Publisher(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        this.producer = new KafkaProducer<>(props);
    }

    @Override
    public void send(String topic, String key, Message message) {
        sendRaw(topic, key, Json.write(message));
    }

    @Override
    public void tombstone(String topic, String key) {
        sendRaw(topic, key, null);
    }

    public void sendRaw(String topic, String key, String value) {
        sendRaw(topic, key, value, List.of());
    }

    /** Sends a record as it is, with {@code headers} (a replayed dead letter keeps its trace and CloudEvents headers). */
    public void sendRaw(String topic, String key, String value, Iterable<Header> headers) {
        try {
            producer.send(new ProducerRecord<>(topic, null, key, value, headers)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot send " + key + " to " + topic + ": " + e, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
