package io.sluice.cli.deadletter;

import io.sluice.events.Topics;
import io.sluice.events.kafka.DeadLetter;
import io.sluice.events.kafka.TopicRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** The rows of {@code sluice get deadletters}: the letters of every Sluice topic's {@code <topic>.dlq}. */
public final class DeadLetterRows {

    /**
     * Topic by topic, in the order they failed: the letters no replay has dealt with, or with
     * {@code all} every letter the dead-letter topics still hold, marked when a replay dealt with it.
     */
    public static List<DeadLetterRow> read(String bootstrapServers, boolean all) {
        List<DeadLetterRow> rows = new ArrayList<>();
        try (ReplayProgress progress = new ReplayProgress(bootstrapServers)) {
            Map<TopicPartition, Long> next = progress.next();
            for (Topics.Spec spec : Topics.ALL) {
                for (ConsumerRecord<String, String> record : TopicRecords.read(bootstrapServers, spec.deadLetter(),
                        all ? Map.of() : next)) {
                    DeadLetter letter = DeadLetter.of(record);
                    boolean replayed = record.offset()
                            < next.getOrDefault(new TopicPartition(record.topic(), record.partition()), 0L);
                    rows.add(new DeadLetterRow(letter.topic(), letter.key(), letter.reason(), letter.time(), replayed));
                }
            }
        }
        return rows;
    }

    private DeadLetterRows() {
    }
}
