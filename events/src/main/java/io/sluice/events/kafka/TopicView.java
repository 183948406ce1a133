package io.sluice.events.kafka;

import io.sluice.events.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The latest value per key of a compacted topic, read from the beginning on every start: this is
 * how a service rebuilds its state after a restart instead of keeping it only in memory.
 * Each change (a tombstone gives {@code null}) is handed to the listener on the view's own thread.
 *
 * <p>This is the one consumer not on the SmallRye Kafka connector, because the connector cannot
 * express it: every instance reads every partition from offset 0 without a consumer group (a group
 * channel shares the partitions and starts from committed offsets; {@code assign-seek} needs the
 * partitions listed in configuration, while their count is the topic's), and callers wait until
 * the view has read up to the end offsets of a given moment ({@link #awaitCaughtUp},
 * {@link #awaitLatest}), which no channel reports.
 */
public final class TopicView<T> extends ConsumerThread {
    private final String topic;
    private final Class<T> type;
    private final Map<String, T> values = new ConcurrentHashMap<>();
    private final BiConsumer<String, T> listener;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    /** Callers of {@link #awaitLatest} waiting for the view's thread to note the end offsets of their call. */
    private final Queue<CompletableFuture<Void>> latestRequests = new ConcurrentLinkedQueue<>();
    /** The view's thread only: end offsets a caller waits for. */
    private final List<Mark> marks = new ArrayList<>();

    private record Mark(Map<TopicPartition, Long> end, CompletableFuture<Void> reached) {
    }

    public TopicView(String bootstrapServers, String topic, Class<T> type, BiConsumer<String, T> listener) {
        super(ConsumerSettings.base(bootstrapServers), "view-" + topic);
        this.topic = topic;
        this.type = type;
        this.listener = listener;
    }

    public TopicView<T> start() {
        startThread();
        return this;
    }

    public Map<String, T> snapshot() {
        return Map.copyOf(values);
    }

    public T get(String key) {
        return values.get(key);
    }

    /** Waits until every record that existed at start has been read. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Waits until every record written before this call has been read, so that a command acts on
     * what was published before it (records of different topics are not ordered with each other).
     */
    public boolean awaitLatest(Duration timeout) throws InterruptedException {
        CompletableFuture<Void> reached = new CompletableFuture<>();
        latestRequests.add(reached);
        try {
            reached.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading " + topic + " failed", e.getCause());
        }
    }

    @Override
    protected void loop() {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (running()) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                apply(record);
            }
            if (caughtUp.getCount() > 0 && reached(end)) {
                caughtUp.countDown();
            }
            for (CompletableFuture<Void> request; (request = latestRequests.poll()) != null; ) {
                marks.add(new Mark(consumer.endOffsets(partitions), request));
            }
            marks.removeIf(mark -> {
                boolean done = reached(mark.end());
                if (done) {
                    mark.reached().complete(null);
                }
                return done;
            });
        }
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private void apply(ConsumerRecord<String, String> record) {
        T value = null;
        if (record.value() != null) {
            try {
                value = Json.read(record.value(), type);
            } catch (IllegalArgumentException e) {
                System.getLogger(TopicView.class.getName()).log(System.Logger.Level.WARNING,
                        "skipping unreadable record " + record.key() + " on " + topic + ": " + e.getMessage());
                return;
            }
            values.put(record.key(), value);
        } else {
            values.remove(record.key());
        }
        try {
            listener.accept(record.key(), value);
        } catch (RuntimeException e) {
            System.getLogger(TopicView.class.getName()).log(System.Logger.Level.ERROR,
                    "listener failed on " + record.key() + " of " + topic, e);
        }
    }
}
