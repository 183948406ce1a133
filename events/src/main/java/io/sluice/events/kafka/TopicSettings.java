package io.sluice.events.kafka;

/**
 * How Sluice's topics are created: partitions bound how many instances of a stage share its work
 * (one partition is worked by one instance at a time); the replication factor and
 * {@code min.insync.replicas} are what a Kafka cluster of several brokers needs to keep every
 * acknowledged record when one broker is lost. Every service reads them from
 * {@code sluice.kafka.partitions}, {@code sluice.kafka.replication-factor} and
 * {@code sluice.kafka.min-insync-replicas}.
 */
public record TopicSettings(int partitions, short replicationFactor, int minInsyncReplicas) {
    /** Twelve instances of each stage can work at once; one broker, as in `sluice up`. */
    public static final int DEFAULT_PARTITIONS = 12;

    public TopicSettings {
        if (partitions < 1) {
            throw new IllegalArgumentException("sluice.kafka.partitions must be at least 1, not " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("sluice.kafka.replication-factor must be at least 1, not "
                    + replicationFactor);
        }
        if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("sluice.kafka.min-insync-replicas must be between 1 and the"
                    + " replication factor (" + replicationFactor + "), not " + minInsyncReplicas);
        }
    }

    public static TopicSettings defaults() {
        return of(DEFAULT_PARTITIONS, 1, 0);
    }

    /**
     * @param minInsyncReplicas 0 for the default: one less than the replication factor when it is
     *        above 1 (3 replicas: a write is kept by 2 before it is acknowledged), else 1
     */
    public static TopicSettings of(int partitions, int replicationFactor, int minInsyncReplicas) {
        int minInsync = minInsyncReplicas > 0 ? minInsyncReplicas : Math.max(1, replicationFactor - 1);
        return new TopicSettings(partitions, (short) replicationFactor, minInsync);
    }
}
