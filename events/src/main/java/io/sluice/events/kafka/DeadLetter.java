package io.sluice.events.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A record that a stage could not process, as the SmallRye Kafka connector's dead-letter-queue
 * failure strategy writes it to {@code <topic>.dlq}: the original key and value, and headers naming
 * where it came from and why it failed.
 */
public record DeadLetter(String topic, int partition, long offset, String key, String reason, String cause,
        Instant time, String value) {
    /** The connector's header names (KafkaDeadLetterQueue). */
    public static final String REASON_HEADER = "dead-letter-reason";
    public static final String CAUSE_HEADER = "dead-letter-cause";
    public static final String TOPIC_HEADER = "dead-letter-topic";
    public static final String PARTITION_HEADER = "dead-letter-partition";
    public static final String OFFSET_HEADER = "dead-letter-offset";

    /** Reads a record of a dead-letter topic; {@code time} is when it was dead-lettered. */
    public static DeadLetter of(ConsumerRecord<String, String> record) {
        String topic = header(record, TOPIC_HEADER);
        if (topic == null && record.topic().endsWith(".dlq")) {
            topic = record.topic().substring(0, record.topic().length() - ".dlq".length());
        }
        return new DeadLetter(topic, (int) number(header(record, PARTITION_HEADER)),
                number(header(record, OFFSET_HEADER)), record.key(), header(record, REASON_HEADER), header(record, CAUSE_HEADER),
                Instant.ofEpochMilli(record.timestamp()), record.value());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** An offset or a partition; -1 when the header is missing. Offsets outgrow an int. */
    private static long number(String text) {
        try {
            return text == null ? -1 : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
