package io.sluice.source.config;

import io.sluice.events.Message;
import io.sluice.events.kafka.MessageSink;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * What one producer of configuration (the config folders, the bootstrap repository) has on one
 * compacted topic (sluice.config, sluice.config.problems), by key: the comparison base that each
 * new read is published against. A record that fails to reach Kafka stays unpublished here, so the
 * next read retries it.
 */
final class PublishedRecords<T extends Message> {
    private final MessageSink sink;
    private final String topic;
    private final Function<T, String> origin;
    private final Logger log;
    private final Map<String, T> published = new HashMap<>();

    /** {@code origin} gives the file a record is from, for the log. */
    PublishedRecords(MessageSink sink, String topic, Function<T, String> origin, Logger log) {
        this.sink = sink;
        this.topic = topic;
        this.origin = origin;
        this.log = log;
    }

    /** What the topic holds of this producer at start. */
    void seed(Map<String, T> current) {
        published.putAll(current);
    }

    /**
     * Publishes each record that is new or not {@code same} (before, now) as the one published.
     * Returns how many were published.
     */
    int publishChanged(Map<String, T> records, BiPredicate<T, T> same) {
        int changed = 0;
        for (Map.Entry<String, T> record : records.entrySet()) {
            String key = record.getKey();
            T before = published.get(key);
            if (before == null || !same.test(before, record.getValue())) {
                sink.send(topic, key, record.getValue());
                published.put(key, record.getValue());
                log.infof("%s %s from %s: %s", topic, key, origin.apply(record.getValue()),
                        before == null ? "published" : "updated");
                changed++;
            }
        }
        return changed;
    }

    /** Tombstones each published record that is {@code gone} (key, record); {@code why} ends the log line. */
    int deleteGone(BiPredicate<String, T> gone, String why) {
        int deleted = 0;
        for (Map.Entry<String, T> record : List.copyOf(published.entrySet())) {
            if (gone.test(record.getKey(), record.getValue())) {
                sink.tombstone(topic, record.getKey());
                published.remove(record.getKey());
                log.infof("%s %s from %s: deleted, %s", topic, record.getKey(), origin.apply(record.getValue()), why);
                deleted++;
            }
        }
        return deleted;
    }
}
