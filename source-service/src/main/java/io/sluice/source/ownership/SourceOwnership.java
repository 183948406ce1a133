package io.sluice.source.ownership;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.events.kafka.PartitionShare;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Which sources this instance owns: those whose id falls in a partition of sluice.config assigned
 * to it in the consumer group {@value OwnershipConsumer#GROUP}. Only the owner of a source polls it
 * and publishes its artifact. A publish runs under its partition's read lock and a hand-over takes
 * the write lock, so once a partition is released no publish for it can still happen here: the
 * next owner, which reads sluice.source.artifacts only after the hand-over, sees every artifact
 * this instance published.
 */
@ApplicationScoped
public class SourceOwnership {
    private final Map<Integer, ReadWriteLock> locks = new ConcurrentHashMap<>();
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private volatile int partitions;

    /** Registers sluice_source_owned_partitions: how many partitions (shares of the sources) this instance polls. */
    @Inject
    public SourceOwnership(MeterRegistry registry) {
        Gauge.builder("sluice.source.owned.partitions", owned, Set::size)
                .description("Partitions of sluice.config whose sources this instance polls").register(registry);
    }

    /** True when this instance owns the source now. */
    public boolean owns(String sourceId) {
        int count = partitions;
        return count > 0 && owned.contains(PartitionShare.partitionOf(sourceId, count));
    }

    /** The partitions this instance owns now. */
    public Set<Integer> partitions() {
        return Set.copyOf(owned);
    }

    /**
     * Runs {@code action} (a publish) only while this instance owns the source, and keeps the source
     * from being handed over until it returns; false, without running it, when another instance owns it.
     */
    public boolean whileOwned(String sourceId, Runnable action) {
        int count = partitions;
        if (count == 0) {
            return false;
        }
        int partition = PartitionShare.partitionOf(sourceId, count);
        var lock = lock(partition).readLock();
        lock.lock();
        try {
            if (!owned.contains(partition)) {
                return false;
            }
            action.run();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The partitions assigned to this instance; {@code partitionCount} is sluice.config's. */
    void acquire(Set<Integer> assigned, int partitionCount) {
        partitions = partitionCount;
        owned.addAll(assigned);
    }

    /** Waits for publishes in progress in these partitions, then gives them up. */
    void release(Set<Integer> revoked) {
        for (int partition : revoked) {
            var lock = lock(partition).writeLock();
            lock.lock();
            try {
                owned.remove(partition);
            } finally {
                lock.unlock();
            }
        }
    }

    private ReadWriteLock lock(int partition) {
        return locks.computeIfAbsent(partition, p -> new ReentrantReadWriteLock());
    }
}
