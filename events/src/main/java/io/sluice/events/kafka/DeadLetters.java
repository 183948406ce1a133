package io.sluice.events.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads what a dead-letter topic holds now, from its beginning, without joining any group. */
public final class DeadLetters {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    public static List<DeadLetter> read(String bootstrapServers, String deadLetterTopic) {
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(ConsumerSettings.base(bootstrapServers))) {
            List<TopicPartition> partitions = consumer.partitionsFor(deadLetterTopic, READ_TIMEOUT).stream()
                    .map(p -> new TopicPartition(deadLetterTopic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot read " + deadLetterTopic + " within " + READ_TIMEOUT);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    letters.add(DeadLetter.of(record));
                }
            }
        }
        return letters;
    }

    private DeadLetters() {
    }
}
