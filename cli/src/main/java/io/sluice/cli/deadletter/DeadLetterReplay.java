package io.sluice.cli.deadletter;

import static java.util.stream.Collectors.toSet;

import io.sluice.events.Topics;
import io.sluice.events.kafka.DeadLetter;
import io.sluice.events.kafka.Publisher;
import io.sluice.events.kafka.TopicRecords;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * {@code sluice deadletters replay TOPIC}: sends the letters of {@code TOPIC.dlq} that no replay sent
 * before back to the topic each came from, with its key, value and original headers (the commit's
 * trace context, an event's CloudEvents attributes), oldest first. A letter of a compacted topic
 * that a newer record of the same key has replaced since is left out: sending it would bring back
 * an older state. Progress is kept in {@link ReplayProgress}, so a second replay sends nothing again.
 */
public final class DeadLetterReplay {
    private static final String CONNECTOR_HEADERS = "dead-letter-";

    /** How many letters were sent back, and how many were left out as replaced by a newer record. */
    public record Outcome(int sent, int superseded) {
    }

    public static Outcome replay(String bootstrapServers, Topics.Spec topic) {
        try (ReplayProgress progress = new ReplayProgress(bootstrapServers);
                Publisher publisher = new Publisher(bootstrapServers)) {
            List<ConsumerRecord<String, String>> waiting = TopicRecords.read(bootstrapServers, topic.deadLetter(),
                    progress.next());
            List<DeadLetter> letters = waiting.stream().map(DeadLetter::of).toList();
            Predicate<DeadLetter> superseded = superseded(bootstrapServers, letters);
            Map<TopicPartition, Long> done = new HashMap<>();
            int sent = 0;
            try {
                for (int i = 0; i < waiting.size(); i++) {
                    ConsumerRecord<String, String> record = waiting.get(i);
                    DeadLetter letter = letters.get(i);
                    if (!superseded.test(letter)) {
                        publisher.sendRaw(letter.topic() == null ? topic.name() : letter.topic(), record.key(),
                                record.value(), originalHeaders(record));
                        sent++;
                    }
                    done.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                }
            } finally {
                // what was sent before a failure is not sent again
                progress.advance(done);
            }
            return new Outcome(sent, waiting.size() - sent);
        }
    }

    /** The letters whose compacted topic holds a newer record of the same key, in the partition they came from. */
    private static Predicate<DeadLetter> superseded(String bootstrapServers, List<DeadLetter> letters) {
        Set<String> compacted = Topics.ALL.stream().filter(Topics.Spec::compacted).map(Topics.Spec::name)
                .collect(toSet());
        Map<Position, Long> newest = new HashMap<>();
        for (String topic : letters.stream().map(DeadLetter::topic).filter(compacted::contains).collect(toSet())) {
            for (ConsumerRecord<String, String> record : TopicRecords.read(bootstrapServers, topic, Map.of())) {
                newest.merge(new Position(topic, record.partition(), record.key()), record.offset(), Math::max);
            }
        }
        return letter -> letter.offset() >= 0
                && newest.getOrDefault(new Position(letter.topic(), letter.partition(), letter.key()), -1L)
                        > letter.offset();
    }

    private record Position(String topic, int partition, String key) {
    }

    /** The headers the record had before it failed: the connector's dead-letter headers stay behind. */
    private static List<Header> originalHeaders(ConsumerRecord<String, String> record) {
        return StreamSupport.stream(record.headers().spliterator(), false)
                .filter(header -> !header.key().startsWith(CONNECTOR_HEADERS)).toList();
    }

    private DeadLetterReplay() {
    }
}
