package io.sluice.events.kafka;

import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.sluice.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * This instance's share of a stage's work: the partitions of sluice.config that the stage's consumer
 * group gives it. It is the rebalance listener of the stage's SmallRye Kafka channel, which
 * subscribes to sluice.config and, for a stage that takes commands, to its command topic, both keyed
 * by the same ids and with the same partition count, with the range assignor: partition N of both
 * goes to the same instance, so the owner of an id is the one that receives its commands. The
 * channel's handler acts on commands ({@link #isCommand}) and lets records of sluice.config pass
 * (every instance reads the whole of sluice.config into its own view).
 *
 * <p>The connector calls this listener on its polling thread, inside the rebalance, after taking
 * the revoked partitions' records out of its queue: the owner finishes with a revoked partition
 * before any other instance is given it. Channel settings this needs:
 * {@code partition.assignment.strategy=org.apache.kafka.clients.consumer.RangeAssignor} and
 * {@code consumer-rebalance-listener.name}.
 */
public final class PartitionShare implements KafkaConsumerRebalanceListener {
    /** How long an assignment waits for the service to be ready to own (its views read). */
    private static final Duration OWNER_TIMEOUT = Duration.ofMinutes(2);

    /** What an instance does with the partitions it is given. */
    public interface Owner {
        /** Takes on the ids of newly assigned partitions; {@code partitionCount} is sluice.config's. */
        void acquired(Set<Integer> partitions, int partitionCount);

        /** Finishes with the ids of revoked partitions: when it returns, another instance may take them. */
        void released(Set<Integer> partitions);
    }

    private final String group;
    private final String commandTopic;
    private final CompletableFuture<Owner> owner = new CompletableFuture<>();
    /**
     * The partitions handed to the owner and not yet taken back: the owner keeps its own record of
     * what it owns, under its own locks, since work must see a partition as owned from inside
     * {@link Owner#acquired} on.
     */
    private final Set<Integer> owned = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean joined;

    /**
     * @param group the consumer group, for messages
     * @param commandTopic the stage's command topic, or null when the channel reads sluice.config only
     */
    public PartitionShare(String group, String commandTopic) {
        this.group = group;
        this.commandTopic = commandTopic;
    }

    /** The partition {@code key} falls in, as Kafka's default partitioner places a record keyed by it. */
    public static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** Called once the service can own partitions; assignments made before wait for it. */
    public void ready(Owner ready) {
        owner.complete(ready);
    }

    /** True once the group has given this instance its first assignment (which may be empty). */
    public boolean joined() {
        return joined;
    }

    /** A command of the stage's command topic, rather than a record of sluice.config or a tombstone. */
    public boolean isCommand(ConsumerRecord<String, String> record) {
        return record.topic().equals(commandTopic) && record.value() != null;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        int config = consumer.partitionsFor(Topics.CONFIG).size();
        if (commandTopic != null) {
            int commands = consumer.partitionsFor(commandTopic).size();
            if (config != commands) {
                throw new IllegalStateException(Topics.CONFIG + " has " + config + " partitions but " + commandTopic
                        + " has " + commands + ": the owner of an id would not receive its commands; give both"
                        + " topics the same partition count");
            }
        }
        Set<Integer> assigned = configPartitions(partitions);
        assigned.removeAll(owned);
        if (!assigned.isEmpty()) {
            awaitOwner().acquired(assigned, config);
            owned.addAll(assigned);
        } else if (owned.isEmpty()) {
            log().log(System.Logger.Level.INFO, group + ": this instance owns no partition (more instances"
                    + " than partitions of " + Topics.CONFIG + ")");
        }
        joined = true;
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        release(partitions);
    }

    /** Partitions lost without a revocation (the session timed out): another instance may have them already. */
    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        release(partitions);
    }

    private void release(Collection<TopicPartition> partitions) {
        Set<Integer> revoked = configPartitions(partitions);
        revoked.retainAll(owned);
        if (revoked.isEmpty()) {
            return;
        }
        owned.removeAll(revoked);
        Owner current = owner.getNow(null);
        if (current != null) {
            current.released(revoked);
        }
    }

    private Owner awaitOwner() {
        try {
            return owner.get(OWNER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(group + ": interrupted while waiting to own partitions", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(group + ": the service was not ready to own partitions within "
                    + OWNER_TIMEOUT, e);
        }
    }

    private static Set<Integer> configPartitions(Collection<TopicPartition> partitions) {
        return partitions.stream().filter(tp -> tp.topic().equals(Topics.CONFIG)).map(TopicPartition::partition)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static System.Logger log() {
        return System.getLogger(PartitionShare.class.getName());
    }
}
