package io.sluice.source.ownership;

import io.sluice.events.Json;
import io.sluice.events.SourceArtifact;
import io.sluice.events.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads some partitions of sluice.source.artifacts (compacted) from their beginning to the end they
 * have now: the last artifact of each source there, as the instance that owned them left it. A raw
 * consumer, because a connector channel takes a group's share of a topic, not chosen partitions
 * read once from their beginning, inside a rebalance.
 */
final class LastArtifacts {
    private static final Logger LOG = Logger.getLogger(LastArtifacts.class);

    static Map<String, SourceArtifact> read(String bootstrapServers, Set<Integer> partitions, Duration timeout) {
        Map<String, SourceArtifact> last = new HashMap<>();
        if (partitions.isEmpty()) {
            return last;
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties(bootstrapServers))) {
            List<TopicPartition> assigned = partitions.stream()
                    .map(p -> new TopicPartition(Topics.SOURCE_ARTIFACTS, p)).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!assigned.stream().allMatch(tp -> consumer.position(tp, timeout) >= end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot read " + Topics.SOURCE_ARTIFACTS + " partitions "
                            + partitions + " to their end within " + timeout);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(last, record);
                }
            }
        }
        return last;
    }

    /** Strings, no automatic commits: what this package's consumers share. */
    static Properties consumerProperties(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return props;
    }

    private static void apply(Map<String, SourceArtifact> last, ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            last.remove(record.key());
            return;
        }
        try {
            last.put(record.key(), Json.read(record.value(), SourceArtifact.class));
        } catch (IllegalArgumentException e) {
            LOG.warnf("skipping unreadable record %s on %s: %s", record.key(), Topics.SOURCE_ARTIFACTS, e.getMessage());
        }
    }

    private LastArtifacts() {
    }
}
