package io.sluice.render.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testkit.process.Deadline;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Giving applications up: what waits is dropped, what runs finishes before the release returns. */
class RenderQueueTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void releasingDropsQueuedRendersAndWaitsForRunningOnes() throws Exception {
        List<String> started = new CopyOnWriteArrayList<>();
        List<String> finished = new CopyOnWriteArrayList<>();
        CountDownLatch proceed = new CountDownLatch(1);
        try (RenderQueue queue = new RenderQueue(2, appId -> {
            started.add(appId);
            try {
                proceed.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.add(appId);
        })) {
            queue.runFirst(() -> { });
            queue.submit("given-up");
            queue.submit("kept");
            Deadline.until("both workers rendering", WAIT, () -> started.size() == 2);
            queue.submit("given-up-queued");
            queue.submit("given-up"); // asked for again while it renders

            Set<String> released = Set.of("given-up", "given-up-queued");
            // What had finished when the release returned.
            CompletableFuture<List<String>> release = CompletableFuture.supplyAsync(() -> {
                queue.release(released::contains);
                return List.copyOf(finished);
            });
            Deadline.until("the release dropping the queued render", WAIT, () -> release.isDone() || queue.size() == 2);
            proceed.countDown();

            assertTrue(release.get(WAIT.toSeconds(), TimeUnit.SECONDS).contains("given-up"),
                    "the release returned after the render in progress");
            Deadline.until("the kept application rendered", WAIT, () -> finished.contains("kept"));
            queue.submit("after");
            Deadline.until("a later render", WAIT, () -> finished.contains("after"));
            assertEquals(List.of("after", "given-up", "kept"), started.stream().sorted().toList(),
                    "each released application rendered at most once, the queued one not at all");
        }
    }
}
