package io.sluice.source.ownership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.events.kafka.PartitionShare;
import io.sluice.testkit.process.Deadline;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class SourceOwnershipTest {
    private static final String SOURCE = "source.toolkit.fluxcd.io/GitRepository/flux-system/podinfo";

    @Test
    void aSourceFallsInThePartitionKafkaGivesARecordWithItsId() {
        for (String id : new String[] {SOURCE, "argoproj.io/Application/argocd/guestbook", "x"}) {
            assertEquals(BuiltInPartitioner.partitionForKey(id.getBytes(java.nio.charset.StandardCharsets.UTF_8), 3),
                    PartitionShare.partitionOf(id, 3), id);
        }
    }

    @Test
    void publishesOnlyWhileOwnedAndAHandOverWaitsForAPublishInProgress() throws Exception {
        SourceOwnership ownership = new SourceOwnership(new SimpleMeterRegistry());
        assertFalse(ownership.whileOwned(SOURCE, () -> {
        }), "nothing is owned before the first assignment");
        int partition = PartitionShare.partitionOf(SOURCE, 3);
        ownership.acquire(Set.of(0, 1, 2), 3);
        assertTrue(ownership.owns(SOURCE));

        CountDownLatch publishing = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Thread publish = new Thread(() -> ownership.whileOwned(SOURCE, () -> {
            publishing.countDown();
            try {
                finish.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        publish.start();
        publishing.await();
        Thread handOver = new Thread(() -> ownership.release(Set.of(partition)));
        handOver.start();
        Deadline.until("the hand-over waiting for the publish", Duration.ofSeconds(10),
                () -> handOver.getState() == Thread.State.WAITING);
        assertTrue(ownership.owns(SOURCE), "still owned while its publish is in progress");
        finish.countDown();
        handOver.join(10_000);
        publish.join(10_000);

        assertFalse(ownership.owns(SOURCE));
        AtomicBoolean ran = new AtomicBoolean();
        assertFalse(ownership.whileOwned(SOURCE, () -> ran.set(true)));
        assertFalse(ran.get(), "no publish after the hand-over");
        assertEquals(Set.of(0, 1, 2).size() - 1, ownership.partitions().size());
    }
}
