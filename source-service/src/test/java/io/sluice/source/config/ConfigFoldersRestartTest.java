package io.sluice.source.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.api.ObjectRef;
import io.sluice.events.ConfigDocument;
import io.sluice.events.ConfigProblems;
import io.sluice.events.Topics;
import io.sluice.events.kafka.Publisher;
import io.sluice.events.kafka.TopicView;
import io.sluice.source.SourceEvents;
import io.sluice.testkit.kafka.KafkaBroker;
import io.sluice.testkit.process.Deadline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config-folder scanner that starts again, as after a restart: it reads sluice.config and
 * sluice.config.problems first, so it republishes nothing unchanged and deletes what was removed,
 * or fixed, while it was down.
 */
class ConfigFoldersRestartTest {
    private static final String KEPT = "kustomize.toolkit.fluxcd.io/Kustomization/restart/kept";
    private static final String GONE = "kustomize.toolkit.fluxcd.io/Kustomization/restart/gone";
    private static final String BROKEN = "kustomize.toolkit.fluxcd.io/Kustomization/restart/broken";

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
                  prune: true
                  sourceRef:
                    kind: GitRepository
                    name: repo
                """);
        Files.writeString(folder.resolve("broken.yaml"), """
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata:
                  name: broken
                  namespace: restart
                spec:
                  interval: 1m
                """);
        try (Publisher publisher = new Publisher(bootstrap)) {
            // What the service had published before it stopped: kept.yaml as it is, and a file since deleted.
            // Its problems: broken.yaml's as they are, and those of kept.yaml before it was fixed.
            ConfigScan before = new ConfigScanner(List.of(folder)).scan();
            publisher.send(Topics.CONFIG, KEPT, before.documents().get(KEPT));
            publisher.send(Topics.CONFIG, GONE, ConfigDocument.of(
                    new ObjectRef("kustomize.toolkit.fluxcd.io/v1", "Kustomization", "restart", "gone"), "gone.yaml",
                    Map.of("kind", "Kustomization")));
            publisher.send(Topics.CONFIG_PROBLEMS, BROKEN, before.records(Instant.EPOCH).get(BROKEN));
            publisher.send(Topics.CONFIG_PROBLEMS, KEPT, new ConfigProblems(ConfigProblems.VERSION,
                    before.documents().get(KEPT).ref(), "kept.yaml", List.of("kept.yaml:1 (document 1): Kustomization"
                            + " restart/kept: spec.prune is required (true or false)"), List.of(), Instant.EPOCH));

            ConfigFolders restarted = new ConfigFolders(publisher, new SourceEvents(publisher), Optional.of(List.of(folder)),
                    Duration.ofHours(1));
            restarted.start(current(bootstrap, Topics.CONFIG, ConfigDocument.class),
                    current(bootstrap, Topics.CONFIG_PROBLEMS, ConfigProblems.class));
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
                Deadline.until("the tombstone of the fixed document's problems", Duration.ofSeconds(60),
                        () -> !current(bootstrap, Topics.CONFIG_PROBLEMS, ConfigProblems.class).containsKey(KEPT));
                assertEquals(Instant.EPOCH, current(bootstrap, Topics.CONFIG_PROBLEMS, ConfigProblems.class).get(BROKEN)
                        .time(), "unchanged problems are not published again");
            } finally {
                restarted.stop();
            }
        }
    }

    private static <T> Map<String, T> current(String bootstrap, String topic, Class<T> type) {
        try (TopicView<T> view = new TopicView<>(bootstrap, topic, type, (key, value) -> {
        }).start()) {
            view.awaitCaughtUp(Duration.ofSeconds(30));
            return view.snapshot();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + topic, e);
        }
    }
}
