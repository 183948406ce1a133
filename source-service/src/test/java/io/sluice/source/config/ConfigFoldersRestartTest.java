package io.sluice.source.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.events.ConfigDocument;
import io.sluice.api.ObjectRef;
import io.sluice.events.Topics;
import io.sluice.events.kafka.Publisher;
import io.sluice.events.kafka.TopicView;
import io.sluice.source.SourceEvents;
import io.sluice.testkit.kafka.KafkaBroker;
import io.sluice.testkit.process.Deadline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config-folder scanner that starts again, as after a restart: it reads sluice.config first, so it
 * republishes nothing unchanged and deletes what was removed while it was down.
 */
class ConfigFoldersRestartTest {
    private static final String KEPT = "kustomize.toolkit.fluxcd.io/Kustomization/restart/kept";
    private static final String GONE = "kustomize.toolkit.fluxcd.io/Kustomization/restart/gone";

    @TempDir
    Path folder;

    @Test
    void aRestartRepublishesNothingUnchangedAndDeletesWhatWentAway() throws Exception {
        String bootstrap = KafkaBroker.shared().bootstrapServers();
        Files.writeString(folder.resolve("kept.yaml"), """
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata:
                  name: kept
                  namespace: restart
                spec:
                  interval: 1m
                  sourceRef:
                    kind: GitRepository
                    name: repo
                """);
        try (Publisher publisher = new Publisher(bootstrap)) {
            // What the service had published before it stopped: kept.yaml as it is, and a file since deleted.
            ConfigDocument kept = new ConfigScanner(List.of(folder)).scan().documents().get(KEPT);
            publisher.send(Topics.CONFIG, KEPT, kept);
            publisher.send(Topics.CONFIG, GONE, ConfigDocument.of(
                    new ObjectRef("kustomize.toolkit.fluxcd.io/v1", "Kustomization", "restart", "gone"), "gone.yaml",
                    Map.of("kind", "Kustomization")));

            ConfigFolders restarted = new ConfigFolders(publisher, new SourceEvents(publisher), Optional.of(List.of(folder)),
                    Duration.ofHours(1));
            restarted.start(currentConfig(bootstrap));
            try {
                Map<String, AtomicInteger> records = new ConcurrentHashMap<>();
                Deadline.until("the tombstone of the deleted file's document", Duration.ofSeconds(60), () -> {
                    records.clear();
                    try (TopicView<ConfigDocument> view = new TopicView<>(bootstrap, Topics.CONFIG, ConfigDocument.class,
                            (key, value) -> records.computeIfAbsent(key + (value == null ? " deleted" : ""),
                                    k -> new AtomicInteger()).incrementAndGet()).start()) {
                        view.awaitCaughtUp(Duration.ofSeconds(30));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return records.containsKey(GONE + " deleted");
                });
                assertEquals(1, records.get(KEPT).get(), "the unchanged document is not published again");
            } finally {
                restarted.stop();
            }
        }
    }

    private static Map<String, ConfigDocument> currentConfig(String bootstrap) throws InterruptedException {
        try (TopicView<ConfigDocument> view = new TopicView<>(bootstrap, Topics.CONFIG, ConfigDocument.class,
                (key, value) -> {
                }).start()) {
            view.awaitCaughtUp(Duration.ofSeconds(30));
            return view.snapshot();
        }
    }
}
