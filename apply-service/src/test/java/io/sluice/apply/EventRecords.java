package io.sluice.apply;

import io.sluice.events.Topics;
import io.sluice.events.kafka.ConsumerSettings;
import io.sluice.testkit.kafka.KafkaBroker;
import io.sluice.testkit.process.Deadline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * sluice.events as a subscriber outside Sluice reads it: a plain Kafka consumer, in no group, from
 * the beginning of every partition, its values read by the deserializer the test chooses (the
 * CloudEvents SDK's, or plain strings to look at the headers).
 */
final class EventRecords {
    private static final Duration POLL = Duration.ofMillis(200);

    /** Waits for the first record of sluice.events that matches {@code match}, reading on from where it stopped. */
    static <V> ConsumerRecord<String, V> await(Class<? extends Deserializer<V>> values, String what,
            Predicate<ConsumerRecord<String, V>> match) {
        Properties props = ConsumerSettings.base(KafkaBroker.shared().bootstrapServers());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, values);
        List<ConsumerRecord<String, V>> seen = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS).stream()
                    .map(p -> new TopicPartition(Topics.EVENTS, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            return Deadline.await(what + " on " + Topics.EVENTS, ApplyFixture.TIMEOUT, () -> {
                for (ConsumerRecord<String, V> record : consumer.poll(POLL)) {
                    seen.add(record);
                    if (match.test(record)) {
                        return record;
                    }
                }
                return null;
            }, () -> seen.size() + " records read");
        }
    }

    private EventRecords() {
    }
}
