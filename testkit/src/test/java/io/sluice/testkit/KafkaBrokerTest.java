package io.sluice.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.ObjectRef;
import io.sluice.events.Event;
import io.sluice.events.Topics;
import io.sluice.events.kafka.Publisher;
import io.sluice.events.kafka.TopicView;
import io.sluice.testkit.kafka.KafkaBroker;
import io.sluice.testkit.process.Deadline;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {
    private final KafkaBroker broker = KafkaBroker.shared();

    @Test
    void brokerRunsInItsOwnProcessWithEveryTopic() throws Exception {
        assertTrue(broker.pid() != ProcessHandle.current().pid());
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            Set<String> names = admin.listTopics().names().get();
            for (Topics.Spec spec : Topics.ALL) {
                assertTrue(names.contains(spec.name()), spec.name());
                assertTrue(names.contains(spec.deadLetter()), spec.deadLetter());
            }
        }
    }

    @Test
    void aViewSeesTheLatestValuePerKeyAndTombstones() throws Exception {
        ObjectRef ref = new ObjectRef("v1", "ConfigMap", "default", "view-test");
        try (Publisher publisher = new Publisher(broker.bootstrapServers())) {
            publisher.send(Topics.APPLY_STATUS, "k1", Event.info(ref, "First", "one", null, "test"));
            publisher.send(Topics.APPLY_STATUS, "k1", Event.info(ref, "Second", "two", null, "test"));
            try (TopicView<Event> view = new TopicView<>(broker.bootstrapServers(), Topics.APPLY_STATUS, Event.class,
                    (k, v) -> { }).start()) {
                assertTrue(view.awaitCaughtUp(Duration.ofSeconds(30)));
                assertEquals("Second", view.get("k1").reason());
                publisher.tombstone(Topics.APPLY_STATUS, "k1");
                Deadline.until("tombstone seen", Duration.ofSeconds(10), () -> view.get("k1") == null);
                assertNull(view.get("k1"));
            }
        }
    }

    @Test
    void aViewAwaitingTheLatestHasReadEverySendThatCameBefore() throws Exception {
        ObjectRef ref = new ObjectRef("v1", "ConfigMap", "default", "latest");
        try (Publisher publisher = new Publisher(broker.bootstrapServers());
                TopicView<Event> view = new TopicView<>(broker.bootstrapServers(), Topics.APPLY_STATUS, Event.class,
                        (k, v) -> { }).start()) {
            assertTrue(view.awaitCaughtUp(Duration.ofSeconds(30)));
            for (int i = 0; i < 20; i++) {
                publisher.send(Topics.APPLY_STATUS, "latest", Event.info(ref, "Send" + i, "n", null, "test"));
                assertTrue(view.awaitLatest(Duration.ofSeconds(10)));
                assertEquals("Send" + i, view.get("latest").reason(), "read right after send " + i);
            }
        }
    }
}
