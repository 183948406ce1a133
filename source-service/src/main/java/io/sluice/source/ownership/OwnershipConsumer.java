package io.sluice.source.ownership;

import io.sluice.events.SourceArtifact;
import io.sluice.events.SourceCommand;
import io.sluice.events.Topics;
import io.sluice.events.kafka.PartitionOwners;
import io.sluice.events.kafka.Publisher;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * This instance's membership of the consumer group {@value #GROUP}, which spreads the sources over
 * the instances by partition of sluice.config ({@link PartitionOwners}); the owner of a source is
 * also the one that receives its reconcile-now commands on sluice.source.commands. A revoked
 * partition's polling stops and its publishes are over before any other instance is given it, and
 * a new owner reads the partition's last artifacts before it polls.
 */
public final class OwnershipConsumer implements AutoCloseable, PartitionOwners.Owner<SourceCommand> {
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
    private final PartitionOwners<SourceCommand> owners;
    private volatile boolean running = true;

    public OwnershipConsumer(String bootstrapServers, Duration sessionTimeout, SourceOwnership ownership,
            OwnedSources sources, Publisher deadLetters) {
        this.bootstrapServers = bootstrapServers;
        this.ownership = ownership;
        this.sources = sources;
        this.owners = new PartitionOwners<>(bootstrapServers, GROUP, Topics.SOURCE_COMMANDS, SourceCommand.class,
                sessionTimeout, this, deadLetters);
    }

    public OwnershipConsumer start() {
        owners.start();
        return this;
    }

    /** True once the group has given this instance its first assignment (which may be empty). */
    public boolean joined() {
        return owners.joined();
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

    @Override
    public void command(SourceCommand command) {
        sources.reconcile(command);
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

    /** Leaves the group, handing this instance's sources over to the others. */
    @Override
    public void close() {
        running = false;
        owners.close();
    }
}
