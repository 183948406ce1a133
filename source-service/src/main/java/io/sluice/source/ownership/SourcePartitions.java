package io.sluice.source.ownership;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * The partition a source id falls in, computed as Kafka's default partitioner places a record keyed
 * by it: the same number on sluice.config, sluice.source.artifacts and sluice.source.commands
 * (all have the same partition count). A source without a config document of its own (an implicit
 * source derived from an Argo CD Application) has a partition all the same: that of its id.
 */
public final class SourcePartitions {

    public static int of(String sourceId, int partitions) {
        return Utils.toPositive(Utils.murmur2(sourceId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private SourcePartitions() {
    }
}
