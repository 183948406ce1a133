package io.sluice.events.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What every Sluice consumer shares: JSON strings, manual commits, room for large bundles. */
public final class ConsumerSettings {
    public static Properties base(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return props;
    }

    /**
     * A group member's session timeout from a Sluice duration setting (such as {@code 10s}, which
     * Kafka's {@code session.timeout.ms} cannot read), with heartbeats well within it: the settings a
     * channel takes through {@code kafka-configuration}.
     */
    public static Map<String, Object> session(Duration timeout) {
        long millis = timeout.toMillis();
        return Map.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) millis,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(500, millis / 3));
    }

    private ConsumerSettings() {
    }
}
