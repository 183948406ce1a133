package io.sluice.cli.deadletter;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far {@code sluice deadletters replay} got on each dead-letter topic, kept where Kafka keeps a
 * consumer's progress: the committed offsets of the consumer group {@value #GROUP}. Nothing joins
 * the group; the CLI reads and moves its offsets, so the progress outlives the command and any
 * machine it ran on.
 */
final class ReplayProgress implements AutoCloseable {
    static final String GROUP = "sluice-deadletters-replay";

    private final String bootstrapServers;
    private final Admin admin;

    ReplayProgress(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(props);
    }

    /** The offset of the first record not replayed yet, for each dead-letter topic partition ever replayed from. */
    Map<TopicPartition, Long> next() {
        try {
            return admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(entry -> entry.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the replay progress (consumer group " + GROUP + ") from "
                    + bootstrapServers + ": " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the replay progress", e);
        }
    }

    /** Remembers that every record before {@code next} (per partition) was replayed. */
    void advance(Map<TopicPartition, Long> next) {
        if (next.isEmpty()) {
            return;
        }
        try {
            admin.alterConsumerGroupOffsets(GROUP, next.entrySet().stream().collect(Collectors.toMap(
                    Map.Entry::getKey, entry -> new OffsetAndMetadata(entry.getValue())))).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot record the replay progress (consumer group " + GROUP + ") on "
                    + bootstrapServers + ": " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording the replay progress", e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
