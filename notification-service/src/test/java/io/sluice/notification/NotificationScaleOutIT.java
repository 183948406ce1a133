package io.sluice.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.ObjectRef;
import io.sluice.events.Event;
import io.sluice.events.Json;
import io.sluice.events.Topics;
import io.sluice.events.kafka.PartitionShare;
import io.sluice.events.kafka.Publisher;
import io.sluice.events.kafka.TopicSettings;
import io.sluice.testkit.kafka.KafkaBroker;
import io.sluice.testkit.process.Deadline;
import io.sluice.testkit.process.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two notification-service instances, each a process started from the packaged application, share
 * sluice.events through the consumer group notification-service: each event goes to the real
 * webhook receiver once, from one of them, and both send some. Then one is killed (SIGKILL) while
 * events keep coming: the other takes its partitions over and every event is still sent.
 */
class NotificationScaleOutIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String PATH = "/scale";
    private static final String SENT = "sluice_notification_sent_total";
    private static final String[] SENT_TO_SCALE = {"outcome=\"sent\"", "provider=\"flux-system/scale\""};
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m");
    /** "event 9" before "event 10". */
    private static final Comparator<String> BY_NUMBER = Comparator.comparingInt(
            message -> Integer.parseInt(message.substring("event ".length())));

    @Test
    void eachEventIsSentOnceByOneInstanceAndAKilledInstancesShareIsSentByTheOther() throws Exception {
        Path work = Files.createTempDirectory("sluice-notification-scale-");
        try (WebhookRecorder receiver = new WebhookRecorder();
                Publisher publisher = new Publisher(KafkaBroker.shared().bootstrapServers())) {
            NotificationDocuments.publish(publisher, "Provider", "scale", Map.of("type", "generic",
                    "address", receiver.url(PATH)));
            NotificationDocuments.publish(publisher, "Alert", "scale", Map.of("providerRef", Map.of("name", "scale"),
                    "eventSources", List.of(Map.of("kind", "Kustomization", "name", "*"))));
            List<ObjectRef> apps = appsCoveringEveryPartition();

            try (ServiceProcess a = ServiceProcess.start("notification-a", work, Map.of(), JVM_OPTIONS);
                    ServiceProcess b = ServiceProcess.start("notification-b", work, Map.of(), JVM_OPTIONS)) {
                Deadline.until("both instances assigned partitions of " + Topics.EVENTS, TIMEOUT,
                        () -> assigned(a) > 0 && assigned(b) > 0 && assigned(a) + assigned(b) == apps.size());

                // 60 events over every partition: each is sent once, and both instances send some.
                List<String> first = send(publisher, apps, 0, 60);
                Deadline.await("60 events counted as sent", TIMEOUT, () -> sent(a) + sent(b) == 60 ? true : null,
                        () -> "A sent " + sent(a) + ", B sent " + sent(b));
                Map<String, Long> received = receivedTimes(receiver);
                assertEquals(first, List.copyOf(received.keySet()), "every event received");
                assertEquals(Map.of(), duplicates(received), "no event received twice");
                assertTrue(sent(a) > 0 && sent(b) > 0, "both instances sent some: " + sent(a) + " and " + sent(b));

                // Events keep coming while B is killed in the middle of sending. Each request takes 100 ms
                // to answer, so B is sending one when it dies.
                receiver.delay(PATH, Collections.nCopies(1000, Duration.ofMillis(100)).toArray(Duration[]::new));
                double bBefore = sent(b);
                double bPartitions = assigned(b);
                CompletableFuture<List<String>> second = CompletableFuture.supplyAsync(
                        () -> send(publisher, apps, 60, 72, Duration.ofMillis(50)));
                Deadline.until("B sending events of the second batch", TIMEOUT, () -> sent(b) >= bBefore + 5);
                b.kill();

                List<String> all = new ArrayList<>(first);
                all.addAll(second.get());
                Deadline.await("every event received at least once", TIMEOUT, () -> receivedTimes(receiver)
                        .keySet().containsAll(all) ? true : null, () -> missing(all, receiver).toString());
                assertEquals(apps.size(), assigned(a), "A took over B's partitions");
                // At least once: an event whose offset B had not committed when it died is sent again by A,
                // the new owner of its partition. B sends one event at a time (@Blocking, ordered) and
                // commits each as soon as it is sent (commit-strategy latest, within its 100 ms poll): what
                // is sent twice is the event B was sending and at most one or two sent just before, whose
                // commits were on their way. Bound asserted: one per partition B owned, none a third time.
                Map<String, Long> twice = duplicates(receivedTimes(receiver));
                System.out.printf("NotificationScaleOutIT: B owned %.0f partitions; after its kill -9 %d of 132"
                        + " events were received twice: %s%n", bPartitions, twice.size(), twice);
                assertTrue(twice.size() <= bPartitions, "events received twice: " + twice);
                assertTrue(twice.values().stream().allMatch(times -> times == 2), "events received twice: " + twice);
                assertTrue(twice.keySet().stream().allMatch(message -> all.indexOf(message) >= 60),
                        "only events of the second batch are sent again: " + twice);
            }
        }
    }

    /** One Kustomization per partition of sluice.events, so that every instance has events to send. */
    private static List<ObjectRef> appsCoveringEveryPartition() {
        Map<Integer, ObjectRef> byPartition = new TreeMap<>();
        for (int i = 0; byPartition.size() < TopicSettings.DEFAULT_PARTITIONS; i++) {
            ObjectRef app = new ObjectRef("kustomize.toolkit.fluxcd.io/v1", "Kustomization", "flux-system",
                    "app-" + i);
            byPartition.putIfAbsent(PartitionShare.partitionOf(app.id(), TopicSettings.DEFAULT_PARTITIONS), app);
        }
        return List.copyOf(byPartition.values());
    }

    private static List<String> send(Publisher publisher, List<ObjectRef> apps, int from, int count) {
        return send(publisher, apps, from, count, Duration.ZERO);
    }

    /** Events "event N" for N from {@code from}, round the apps, {@code pause} apart; their messages. */
    private static List<String> send(Publisher publisher, List<ObjectRef> apps, int from, int count,
            Duration pause) {
        List<String> messages = new ArrayList<>();
        for (int n = from; n < from + count; n++) {
            ObjectRef app = apps.get(n % apps.size());
            String message = "event " + n;
            publisher.send(Topics.EVENTS, app.id(), Event.info(app, "ReconciliationSucceeded", message, null,
                    "apply-service"));
            messages.add(message);
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return messages;
    }

    /** How many times the receiver got each message, in the order of the event numbers. */
    private static Map<String, Long> receivedTimes(WebhookRecorder receiver) {
        return receiver.requests(PATH).stream()
                .map(request -> (String) Json.read(request.body(), Map.class).get("message"))
                .collect(Collectors.groupingBy(Function.identity(),
                        () -> new TreeMap<>(BY_NUMBER), Collectors.counting()));
    }

    private static Map<String, Long> duplicates(Map<String, Long> received) {
        return received.entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (x, y) -> x,
                        () -> new TreeMap<>(BY_NUMBER)));
    }

    private static List<String> missing(List<String> expected, WebhookRecorder receiver) {
        Map<String, Long> received = receivedTimes(receiver);
        return expected.stream().filter(message -> !received.containsKey(message)).toList();
    }

    private static double sent(ServiceProcess instance) {
        return instance.metric(SENT, SENT_TO_SCALE);
    }

    /** The partitions of sluice.events the group gives the instance's events channel now. */
    private static double assigned(ServiceProcess instance) {
        return instance.metric("kafka_consumer_coordinator_assigned_partitions",
                "client_id=\"kafka-consumer-events\"");
    }
}
