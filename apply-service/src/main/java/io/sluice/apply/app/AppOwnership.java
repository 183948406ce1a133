package io.sluice.apply.app;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.events.kafka.PartitionShare;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which applications this instance reconciles, watches and prunes: those whose id falls in a
 * partition of sluice.config that the consumer group {@value AppCommands#GROUP} gives it. Every
 * other application belongs to another instance; an instance that owns no partition yet does nothing.
 * The worker's own record, set in {@link AppWorker#takeOver} before its first reconcile of a
 * partition and cleared in {@link AppWorker#handOver} before the work on it ends.
 */
@ApplicationScoped
public class AppOwnership {
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private volatile int partitions;

    /** Registers sluice_apply_owned_partitions: how many shares of the applications this instance reconciles. */
    AppOwnership(MeterRegistry registry) {
        Gauge.builder("sluice.apply.owned.partitions", owned, Set::size)
                .description("Partitions of sluice.config whose applications this instance reconciles")
                .register(registry);
    }

    /** True when this instance owns the application now. */
    public boolean owns(String appId) {
        int count = partitions;
        return count > 0 && owned.contains(PartitionShare.partitionOf(appId, count));
    }

    /** True when the application falls in one of {@code partitions}. */
    boolean within(String appId, Set<Integer> chosen) {
        int count = partitions;
        return count > 0 && chosen.contains(PartitionShare.partitionOf(appId, count));
    }

    void acquire(Set<Integer> assigned, int partitionCount) {
        partitions = partitionCount;
        owned.addAll(assigned);
    }

    void release(Set<Integer> revoked) {
        owned.removeAll(revoked);
    }
}
