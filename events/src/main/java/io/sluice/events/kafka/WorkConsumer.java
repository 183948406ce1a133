package io.sluice.events.kafka;

import io.sluice.events.Json;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Takes a share of a topic's records in a consumer group and hands each to a handler, committing
 * after it returns (at least once). A record the handler cannot process goes to the topic's
 * dead-letter topic with the reason: nothing is dropped silently.
 */
public final class WorkConsumer<T> extends ConsumerThread {
    private final String topic;
    private final Class<T> type;
    private final Consumer<T> handler;
    private final Publisher deadLetters;

    public WorkConsumer(String bootstrapServers, String groupId, String topic, Class<T> type, Consumer<T> handler,
            Publisher deadLetters) {
        super(groupProperties(bootstrapServers, groupId), "work-" + topic);
        this.topic = topic;
        this.type = type;
        this.handler = handler;
        this.deadLetters = deadLetters;
    }

    private static Properties groupProperties(String bootstrapServers, String groupId) {
        Properties props = ConsumerSettings.base(bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }

    public WorkConsumer<T> start() {
        startThread();
        return this;
    }

    @Override
    protected void loop() {
        consumer.subscribe(List.of(topic));
        while (running()) {
            var records = consumer.poll(Duration.ofMillis(500));
            for (ConsumerRecord<String, String> record : records) {
                process(record);
            }
            if (!records.isEmpty()) {
                consumer.commitSync();
            }
        }
    }

    private void process(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return;
        }
        try {
            handler.accept(Json.read(record.value(), type));
        } catch (RuntimeException e) {
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            System.getLogger(WorkConsumer.class.getName()).log(System.Logger.Level.ERROR,
                    "cannot process " + record.key() + " from " + topic + ", sent to " + topic + ".dlq: " + reason);
            deadLetters.sendRaw(topic + ".dlq", record.key(),
                    Json.write(new DeadLetter(topic, record.key(), reason, record.value())));
        }
    }

    /** What the dead-letter topic keeps: where the record came from, why it failed, and the record. */
    public record DeadLetter(String topic, String key, String reason, String value) {
    }
}
