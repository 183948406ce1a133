package io.sluice.apply.history;

import io.sluice.events.Json;
import io.sluice.events.RenderedBundle;
import io.sluice.events.Topics;
import io.sluice.events.kafka.ConsumerSettings;
import io.sluice.events.kafka.MessageSink;
import io.sluice.events.kafka.PartitionShare;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The bundles of the history entries on {@link Topics#APPLY_BUNDLES}, stored exactly as the
 * render-service published them (encrypted secrets stay encrypted). They are read back only for a
 * rollback, which is rare: a lookup scans the key's partition instead of holding every archived
 * bundle in memory, and works the same on whichever instance owns the application now. That scan
 * uses a plain Kafka consumer: a connector channel reads continuously, not one partition on demand.
 */
@ApplicationScoped
public class BundleArchive {
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final MessageSink sink;

    BundleArchive(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, MessageSink sink) {
        this.bootstrapServers = bootstrapServers;
        this.sink = sink;
    }

    static String key(String appId, String digest) {
        return appId + "@" + digest;
    }

    void store(String appId, RenderedBundle bundle) {
        sink.send(Topics.APPLY_BUNDLES, key(appId, bundle.digest()), bundle);
    }

    void drop(String appId, String digest) {
        sink.tombstone(Topics.APPLY_BUNDLES, key(appId, digest));
    }

    /** The bundle stored for {@code appId} at {@code digest}; empty when it was never stored or is dropped. */
    public Optional<RenderedBundle> find(String appId, String digest) {
        String key = key(appId, digest);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(ConsumerSettings.base(bootstrapServers))) {
            int partitions = consumer.partitionsFor(Topics.APPLY_BUNDLES, LOOKUP_TIMEOUT).size();
            // The producer's default partitioner: a key always lands in the same partition.
            TopicPartition partition = new TopicPartition(Topics.APPLY_BUNDLES, PartitionShare.partitionOf(key,
                    partitions));
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), LOOKUP_TIMEOUT).get(partition);
            String found = null;
            long deadline = System.nanoTime() + LOOKUP_TIMEOUT.toNanos();
            while (consumer.position(partition) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + Topics.APPLY_BUNDLES + " for " + key + " took over "
                            + LOOKUP_TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    if (key.equals(record.key())) {
                        found = record.value();
                    }
                }
            }
            return found == null ? Optional.empty() : Optional.of(Json.read(found, RenderedBundle.class));
        }
    }
}
