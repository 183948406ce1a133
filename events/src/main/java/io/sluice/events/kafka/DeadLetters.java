package io.sluice.events.kafka;

import java.util.List;
import java.util.Map;

/** Reads what a dead-letter topic holds now, from its beginning, without joining any group. */
public final class DeadLetters {

    public static List<DeadLetter> read(String bootstrapServers, String deadLetterTopic) {
        return TopicRecords.read(bootstrapServers, deadLetterTopic, Map.of()).stream().map(DeadLetter::of).toList();
    }

    private DeadLetters() {
    }
}
