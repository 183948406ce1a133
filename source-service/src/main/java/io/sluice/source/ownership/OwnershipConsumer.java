package io.sluice.source.ownership;

import io.quarkus.runtime.ShutdownEvent;
import io.sluice.events.Json;
import io.sluice.events.SourceArtifact;
import io.sluice.events.SourceCommand;
import io.sluice.events.Topics;
import io.sluice.events.kafka.ConsumerSettings;
import io.sluice.events.kafka.PartitionShare;
import io.sluice.source.trace.PollRequest;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * This instance's membership of the consumer group {@value #GROUP} (channel {@value #CHANNEL}), which
 * spreads the sources over the instances by partition of sluice.config ({@link PartitionShare}); the
 * owner of a source is also the one that receives its reconcile-now commands on
 * sluice.source.commands. A revoked partition's polling stops and its publishes are over before
 * release returns, so before any other instance is given it; a new owner reads the partition's last
 * artifacts before it polls. A command that cannot be read or handled goes to
 * sluice.source.commands.dlq with the reason.
 */
@ApplicationScoped
public class OwnershipConsumer implements PartitionShare.Owner {
    public static final String GROUP = "source-service-owners";
    static final String CHANNEL = "source-owners";
    private static final Logger LOG = Logger.getLogger(OwnershipConsumer.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final String TRACEPARENT = "traceparent";

    /** What the owner does with its sources. */
    public interface OwnedSources {
        /** Starts polling the sources of newly owned partitions; {@code lastArtifacts} are theirs on the topic. */
        void takeOver(Map<String, SourceArtifact> lastArtifacts);

        /** Stops polling every source this instance no longer owns. */
        void handOver();

        /** A reconcile-now command for an owned source; an exception sends it to the dead-letter topic. */
        void reconcile(SourceCommand command, PollRequest request);
    }

    private final String bootstrapServers;
    private final SourceOwnership ownership;
    private final Duration sessionTimeout;
    private final PartitionShare share = new PartitionShare(GROUP, Topics.SOURCE_COMMANDS);
    private volatile OwnedSources sources;
    private volatile boolean running = true;

    @Inject
    public OwnershipConsumer(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            SourceOwnership ownership,
            @ConfigProperty(name = "sluice.source.owners.session-timeout", defaultValue = "10s")
            Duration sessionTimeout) {
        this.bootstrapServers = bootstrapServers;
        this.ownership = ownership;
        this.sessionTimeout = sessionTimeout;
    }

    /** The channel's rebalance listener (consumer-rebalance-listener.name). */
    @Produces
    @Identifier(CHANNEL)
    KafkaConsumerRebalanceListener share() {
        return share;
    }

    /**
     * The channel's consumer settings that come from Sluice's own (kafka-configuration): how long an
     * instance that stopped answering keeps its sources, and heartbeats well within it.
     */
    @Produces
    @Identifier(CHANNEL + "-consumer")
    Map<String, Object> consumerSettings() {
        return ConsumerSettings.session(sessionTimeout);
    }

    /** Called once the service has read its configuration: the group's assignments wait for it. */
    public void ready(OwnedSources owned) {
        this.sources = owned;
        share.ready(this);
    }

    /** True once the group has given this instance its first assignment (which may be empty). */
    public boolean joined() {
        return share.joined();
    }

    /**
     * One record of this instance's partitions: sluice.config's pass (the service reads all of it
     * through its own view); a command is handled, and an exception sends it to the dead-letter topic.
     * A command of a partition revoked meanwhile is left to its new owner, which reads it again.
     */
    @Incoming(CHANNEL)
    @Blocking
    void onRecord(ConsumerRecord<String, String> record) {
        if (!share.isCommand(record)) {
            return;
        }
        SourceCommand command = Json.read(record.value(), SourceCommand.class);
        if (command.sourceId() == null) {
            throw new IllegalArgumentException("command " + record.key() + " names no sourceId");
        }
        if (!ownership.owns(command.sourceId())) {
            LOG.infof("%s: reconcile request left to the source's new owner", command.sourceId());
            return;
        }
        sources.reconcile(command, new PollRequest(command.time(), header(record, TRACEPARENT)));
    }

    @Override
    public void acquired(Set<Integer> assigned, int partitionCount) {
        Map<String, SourceArtifact> last = lastArtifacts(assigned);
        ownership.acquire(assigned, partitionCount);
        try {
            sources.takeOver(last);
            LOG.infof("took over the sources of partitions %s (%d artifacts on the topic)", assigned, last.size());
        } catch (RuntimeException e) {
            LOG.errorf(e, "taking over the sources of partitions %s failed", assigned);
        }
    }

    @Override
    public void released(Set<Integer> revoked) {
        ownership.release(revoked);
        try {
            sources.handOver();
            LOG.infof("handed over the sources of partitions %s", revoked);
        } catch (RuntimeException e) {
            // Their publishes are refused already: only polls that publish nothing may go on.
            LOG.errorf(e, "handing over the sources of partitions %s failed", revoked);
        }
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

    void onStop(@Observes ShutdownEvent event) {
        running = false;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
