package io.sluice.cli.get;

import io.sluice.events.kafka.TopicView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Compacted topics read side by side to their end, for one command's snapshot of what Sluice knows. */
final class CompactedTopics implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final List<TopicView<?>> views = new ArrayList<>();

    CompactedTopics(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts reading {@code topic}; its snapshot is complete once {@link #awaitCaughtUp} returns. */
    <T> TopicView<T> open(String topic, Class<T> type) {
        TopicView<T> view = new TopicView<>(bootstrapServers, topic, type, (key, value) -> { }).start();
        views.add(view);
        return view;
    }

    /** Waits until every topic opened is read to the end it had when opened. */
    void awaitCaughtUp() throws InterruptedException {
        for (TopicView<?> view : views) {
            if (!view.awaitCaughtUp(TIMEOUT)) {
                throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within "
                        + TIMEOUT.toSeconds() + " s");
            }
        }
    }

    @Override
    public void close() {
        views.forEach(TopicView::close);
    }
}
