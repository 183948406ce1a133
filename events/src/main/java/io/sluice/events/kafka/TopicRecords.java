package io.sluice.events.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the records a topic holds now, as stored (positions and headers), without joining any group:
 * for dead-letter topics and for the tools that look at what a topic holds.
 */
public final class TopicRecords {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    /**
     * The records of {@code topic} up to its end now, each partition from the offset {@code from}
     * gives (its beginning when absent, or when retention has deleted that offset). Empty when the
     * topic does not exist.
     */
    public static List<ConsumerRecord<String, String>> read(String bootstrapServers, String topic,
            Map<TopicPartition, Long> from) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        Properties settings = ConsumerSettings.base(bootstrapServers);
        // looking at a topic never creates it
        settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_TIMEOUT).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> start = consumer.beginningOffsets(partitions, READ_TIMEOUT);
            for (TopicPartition partition : partitions) {
                consumer.seek(partition, Math.max(start.get(partition), from.getOrDefault(partition, 0L)));
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot read " + topic + " within " + READ_TIMEOUT);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    // what was written after the end was taken is for the next read
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        records.add(record);
                    }
                }
            }
        }
        return records;
    }

    private TopicRecords() {
    }
}
