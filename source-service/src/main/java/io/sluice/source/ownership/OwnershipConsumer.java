package io.sluice.source.ownership;

import io.sluice.events.Json;
import io.sluice.events.SourceArtifact;
import io.sluice.events.SourceCommand;
import io.sluice.events.Topics;
import io.sluice.events.kafka.Publisher;
import io.sluice.events.kafka.WorkConsumer;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * This instance's membership of the consumer group {@value #GROUP}, which spreads the sources over
 * the instances. One consumer subscribes to sluice.config and sluice.source.commands, both keyed by
 * source id and with the same partition count; the range assignor gives partition N of both topics
 * to the same member, so the instance that owns a source (its sluice.config partition) is the one
 * that receives its reconcile-now commands. The config partitions are paused: every instance reads
 * the whole of sluice.config with its own view (webhooks and Helm charts need every document), and
 * the group is used for its assignment only. Commands are committed after they are handled.
 *
 * <p>Assignment and revocation run on this consumer's thread, inside {@code poll}, before the
 * group moves on: a revoked partition's polling stops and its publishes are over before any other
 * instance is given it, and a new owner reads the partition's last artifacts before it polls.
 */
public final class OwnershipConsumer implements AutoCloseable {
    public static final String GROUP = "source-service-owners";
    private static final Logger LOG = Logger.getLogger(OwnershipConsumer.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    /** What the owner does with its sources. */
    public interface OwnedSources {
        /** Starts polling the sources of newly owned partitions; {@code lastArtifacts} are theirs on the topic. */
        void takeOver(Map<String, SourceArtifact> lastArtifacts);

        /** Stops polling every source this instance no longer owns. */
        void handOver();

        /** A reconcile-now command for an owned source; an exception sends it to the dead-letter topic. */
        void reconcile(SourceCommand command);
    }

    private final String bootstrapServers;
    private final SourceOwnership ownership;
    private final OwnedSources sources;
    private final Publisher deadLetters;
    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean joined;

    public OwnershipConsumer(String bootstrapServers, Duration sessionTimeout, SourceOwnership ownership,
            OwnedSources sources, Publisher deadLetters) {
        this.bootstrapServers = bootstrapServers;
        this.ownership = ownership;
        this.sources = sources;
        this.deadLetters = deadLetters;
        Properties props = LastArtifacts.consumerProperties(bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis());
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(500, sessionTimeout.toMillis() / 3));
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(props);
        this.thread = new Thread(this::run, "source-owners");
        this.thread.setDaemon(true);
    }

    public OwnershipConsumer start() {
        thread.start();
        return this;
    }

    /** True once the group has given this instance its first assignment (which may be empty). */
    public boolean joined() {
        return joined;
    }

    private void run() {
        try {
            int config = consumer.partitionsFor(Topics.CONFIG, READ_TIMEOUT).size();
            int commands = consumer.partitionsFor(Topics.SOURCE_COMMANDS, READ_TIMEOUT).size();
            if (config != commands) {
                throw new IllegalStateException(Topics.CONFIG + " has " + config + " partitions but "
                        + Topics.SOURCE_COMMANDS + " has " + commands + ": the owner of a source would not receive"
                        + " its commands; give both topics the same partition count");
            }
            consumer.subscribe(List.of(Topics.CONFIG, Topics.SOURCE_COMMANDS), new Rebalance(config));
            while (running) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, String> record : records) {
                    handle(record);
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.errorf(e, "source ownership stopped: this instance polls no source");
        } finally {
            // Leaving the group runs the revocation first: polls stop before another instance takes over.
            consumer.close();
        }
    }

    private void handle(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return;
        }
        try {
            sources.reconcile(Json.read(record.value(), SourceCommand.class));
        } catch (RuntimeException e) {
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.errorf("cannot process %s from %s, sent to %s.dlq: %s", record.key(), record.topic(), record.topic(),
                    reason);
            deadLetters.sendRaw(record.topic() + ".dlq", record.key(),
                    Json.write(new WorkConsumer.DeadLetter(record.topic(), record.key(), reason, record.value())));
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        private final int partitionCount;

        Rebalance(int partitionCount) {
            this.partitionCount = partitionCount;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Set<Integer> revoked = configPartitions(partitions);
            if (revoked.isEmpty()) {
                return;
            }
            ownership.release(revoked);
            try {
                sources.handOver();
                LOG.infof("handed over the sources of partitions %s", revoked);
            } catch (RuntimeException e) {
                // Their publishes are refused already: only polls that publish nothing may go on.
                LOG.errorf(e, "handing over the sources of partitions %s failed", revoked);
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            consumer.pause(partitions.stream().filter(tp -> tp.topic().equals(Topics.CONFIG)).toList());
            Set<Integer> assigned = configPartitions(partitions);
            if (!assigned.isEmpty()) {
                Map<String, SourceArtifact> last = lastArtifacts(assigned);
                ownership.acquire(assigned, partitionCount);
                try {
                    sources.takeOver(last);
                    LOG.infof("took over the sources of partitions %s (%d artifacts on the topic)", assigned,
                            last.size());
                } catch (RuntimeException e) {
                    LOG.errorf(e, "taking over the sources of partitions %s failed", assigned);
                }
            } else {
                LOG.info("owns no partition: polls no source (more instances than partitions)");
            }
            joined = true;
        }

        /** Retried until read: owning a partition without knowing what it published would republish it. */
        private Map<String, SourceArtifact> lastArtifacts(Set<Integer> assigned) {
            while (true) {
                try {
                    return LastArtifacts.read(bootstrapServers, assigned, READ_TIMEOUT);
                } catch (RuntimeException e) {
                    if (!running) {
                        throw e;
                    }
                    LOG.errorf("cannot read the last artifacts of partitions %s, trying again: %s", assigned,
                            e.getMessage());
                }
            }
        }

        private static Set<Integer> configPartitions(Collection<TopicPartition> partitions) {
            return partitions.stream().filter(tp -> tp.topic().equals(Topics.CONFIG)).map(TopicPartition::partition)
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** Leaves the group, handing this instance's sources over to the others. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
