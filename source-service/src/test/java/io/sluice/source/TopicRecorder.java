package io.sluice.source;

import io.sluice.events.kafka.TopicView;
import io.sluice.testkit.kafka.KafkaBroker;
import io.sluice.testkit.process.Deadline;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Every record of a topic from its beginning, in the order read, tombstones included (value null). */
final class TopicRecorder<T> implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    record Entry<T>(String key, T value) {
    }

    private final List<Entry<T>> entries = new CopyOnWriteArrayList<>();
    private final TopicView<T> view;

    TopicRecorder(String topic, Class<T> type) {
        view = new TopicView<>(KafkaBroker.shared().bootstrapServers(), topic, type,
                (key, value) -> entries.add(new Entry<>(key, value))).start();
    }

    /** Non-tombstone values of {@code key}, oldest first. */
    List<T> values(String key) {
        return entries.stream().filter(e -> e.key().equals(key) && e.value() != null).map(Entry::value).toList();
    }

    /** Non-tombstone values of every key, oldest first. */
    List<T> values() {
        return entries.stream().map(Entry::value).filter(Objects::nonNull).toList();
    }

    /** Every record read so far, of every key. */
    List<Entry<T>> entries() {
        return List.copyOf(entries);
    }

    List<Entry<T>> entries(String key) {
        return entries.stream().filter(e -> e.key().equals(key)).toList();
    }

    /** Waits for the first value that matches; fails with {@code what} and the key's records after the deadline. */
    T await(String what, String key, Predicate<T> match) {
        return Deadline.await(what, TIMEOUT,
                () -> values(key).stream().filter(match).findFirst().orElse(null),
                () -> entries(key).toString());
    }

    /** Waits until {@code key}'s latest record is a tombstone. */
    void awaitTombstone(String key) {
        Deadline.until("a tombstone for " + key, TIMEOUT, () -> {
            List<Entry<T>> all = entries(key);
            return !all.isEmpty() && all.get(all.size() - 1).value() == null;
        });
    }

    boolean hasTombstone(String key) {
        return entries(key).stream().anyMatch(e -> Objects.isNull(e.value()));
    }

    @Override
    public void close() {
        view.close();
    }
}
