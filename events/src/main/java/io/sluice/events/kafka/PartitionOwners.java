package io.sluice.events.kafka;

import io.sluice.events.Json;
import io.sluice.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * This instance's share of a service's work in a consumer group: the partitions of sluice.config
 * the group assigns to it. The consumer subscribes to sluice.config and to the service's command
 * topic, both keyed by the same ids and with the same partition count; the range assignor gives
 * partition N of both to the same member, so the owner of an id is the one that receives its
 * commands. The config partitions are paused: every instance reads the whole of sluice.config with
 * its own view, and the group is used for its assignment only. Commands are committed after they
 * are handled; one that cannot be handled goes to the dead-letter topic.
 *
 * <p>Assignment and revocation run on this consumer's thread, inside {@code poll}, before the group
 * moves on: the owner finishes with a revoked partition before any other instance is given it.
 */
public final class PartitionOwners<T> extends ConsumerThread {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    /** What an instance does with the partitions it is given and their commands. */
    public interface Owner<T> {
        /** Takes on the ids of newly assigned partitions; {@code partitionCount} is sluice.config's. */
        void acquired(Set<Integer> partitions, int partitionCount);

        /** Finishes with the ids of revoked partitions: when it returns, another instance may take them. */
        void released(Set<Integer> partitions);

        /** A command for an owned id; an exception sends it to the dead-letter topic. */
        void command(T command);
    }

    private final String group;
    private final String commandTopic;
    private final Class<T> commandType;
    private final Owner<T> owner;
    private final Publisher deadLetters;
    private volatile boolean joined;

    public PartitionOwners(String bootstrapServers, String group, String commandTopic, Class<T> commandType,
            Duration sessionTimeout, Owner<T> owner, Publisher deadLetters) {
        super(properties(bootstrapServers, group, sessionTimeout), "owners-" + group);
        this.group = group;
        this.commandTopic = commandTopic;
        this.commandType = commandType;
        this.owner = owner;
        this.deadLetters = deadLetters;
    }

    /** The partition {@code key} falls in, as Kafka's default partitioner places a record keyed by it. */
    public static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static Properties properties(String bootstrapServers, String group, Duration sessionTimeout) {
        Properties props = ConsumerSettings.base(bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis());
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(500, sessionTimeout.toMillis() / 3));
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }

    public PartitionOwners<T> start() {
        startThread();
        return this;
    }

    /** Leaving the group runs the revocation first: the owner finishes before another instance takes over. */
    @Override
    protected Duration closeTimeout() {
        return Duration.ofSeconds(30);
    }

    /** True once the group has given this instance its first assignment (which may be empty). */
    public boolean joined() {
        return joined;
    }

    @Override
    protected void loop() {
        try {
            int config = consumer.partitionsFor(Topics.CONFIG, READ_TIMEOUT).size();
            int commands = consumer.partitionsFor(commandTopic, READ_TIMEOUT).size();
            if (config != commands) {
                throw new IllegalStateException(Topics.CONFIG + " has " + config + " partitions but " + commandTopic
                        + " has " + commands + ": the owner of an id would not receive its commands; give both"
                        + " topics the same partition count");
            }
            consumer.subscribe(List.of(Topics.CONFIG, commandTopic), new Rebalance(config));
            while (running()) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, String> record : records) {
                    handle(record);
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            }
        } catch (RuntimeException e) {
            if (running()) {
                log().log(System.Logger.Level.ERROR, "membership of " + group + " stopped: this instance owns"
                        + " nothing", e);
            }
        }
    }

    private void handle(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return;
        }
        try {
            owner.command(Json.read(record.value(), commandType));
        } catch (RuntimeException e) {
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            log().log(System.Logger.Level.ERROR, "cannot process " + record.key() + " from " + record.topic()
                    + ", sent to " + record.topic() + ".dlq: " + reason);
            deadLetters.sendRaw(record.topic() + ".dlq", record.key(),
                    Json.write(new WorkConsumer.DeadLetter(record.topic(), record.key(), reason, record.value())));
        }
    }

    private static System.Logger log() {
        return System.getLogger(PartitionOwners.class.getName());
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        private final int partitionCount;

        Rebalance(int partitionCount) {
            this.partitionCount = partitionCount;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Set<Integer> revoked = configPartitions(partitions);
            if (!revoked.isEmpty()) {
                owner.released(revoked);
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            consumer.pause(partitions.stream().filter(tp -> tp.topic().equals(Topics.CONFIG)).toList());
            Set<Integer> assigned = configPartitions(partitions);
            if (!assigned.isEmpty()) {
                owner.acquired(assigned, partitionCount);
            } else {
                log().log(System.Logger.Level.INFO, group + ": this instance owns no partition (more instances"
                        + " than partitions)");
            }
            joined = true;
        }

        private static Set<Integer> configPartitions(Collection<TopicPartition> partitions) {
            return partitions.stream().filter(tp -> tp.topic().equals(Topics.CONFIG)).map(TopicPartition::partition)
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
