package io.sluice.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.api.status.Reasons;
import io.sluice.events.Event;
import io.sluice.events.Json;
import io.sluice.events.Topics;
import io.sluice.events.kafka.PartitionShare;
import io.sluice.events.kafka.Publisher;
import io.sluice.events.kafka.TopicSettings;
import io.sluice.events.kafka.TopicView;
import io.sluice.testkit.kafka.KafkaBroker;
import io.sluice.testkit.registry.OciRegistry;
import io.sluice.testkit.process.Deadline;
import io.sluice.testkit.process.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two image-service instances, each a process started from the packaged application, share twelve
 * ImageRepositories of a real OCI registry (one in each partition of sluice.config): when the second
 * joins, the first hands it some; each repository is then scanned, and each new tag announced, by
 * one instance only. When one is killed (SIGKILL) the other takes its repositories over.
 */
class ImageScaleOutIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m");
    private static final String SCANS = "sluice_image_scan_seconds_count";
    private static final String OWNED = "sluice_image_owned_partitions";

    @Test
    void eachRepositoryIsScannedByOneInstanceAndAKilledInstancesAreTakenOver(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(OciRegistry.BINARY), OciRegistry.BINARY
                + " is missing: install the Debian package docker-registry to run this test");
        List<Event> events = new CopyOnWriteArrayList<>();
        Path work = Files.createTempDirectory("sluice-image-scale-");
        String bootstrap = KafkaBroker.shared().bootstrapServers();
        try (OciRegistry registry = OciRegistry.start(dir);
                Publisher publisher = new Publisher(bootstrap);
                TopicView<Event> eventView = new TopicView<>(bootstrap, Topics.EVENTS, Event.class,
                        (key, event) -> events.add(event)).start()) {
            registry.push("apps/web", "1.0.0");
            List<String> repositories = namesCoveringEveryPartition();
            for (String name : repositories) {
                ConfigDocuments.publish(publisher, name, Map.of("image", registry.address() + "/apps/web",
                        "interval", "1s", "insecure", true));
            }

            try (ServiceProcess a = ServiceProcess.start("image-a", work, Map.of(), JVM_OPTIONS)) {
                assertEquals(repositories.size(), a.metric(OWNED));
                awaitScanned("every repository scanned by A", repositories, 1, Map.of(a, Map.of()));

                ServiceProcess b = ServiceProcess.start("image-b", work, Map.of(), JVM_OPTIONS);
                try {
                    Deadline.until("A handing some repositories to B", TIMEOUT,
                            () -> a.metric(OWNED) > 0 && b.metric(OWNED) > 0
                                    && a.metric(OWNED) + b.metric(OWNED) == repositories.size());
                    // From now on each repository is scanned by one of them, counted where it is scanned.
                    Map<String, Double> aBefore = scans(a, repositories);
                    Map<String, Double> bBefore = scans(b, repositories);
                    awaitScanned("every repository scanned twice more", repositories, 2,
                            Map.of(a, aBefore, b, bBefore));
                    Set<String> onA = scannedSince(a, aBefore);
                    Set<String> onB = scannedSince(b, bBefore);
                    assertEquals(Set.of(), intersection(onA, onB), "repositories scanned by both");
                    assertEquals(Set.copyOf(repositories), union(onA, onB), "every repository is scanned");
                    assertTrue(!onB.isEmpty() && !onA.isEmpty(), "both scan some: A " + onA + ", B " + onB);
                    assertEquals(onA, listed(a), "A lists what it scans on /api/images");
                    assertEquals(onB, listed(b), "B lists what it scans on /api/images");

                    // A new tag is announced once per repository, by the one instance that scans it.
                    registry.push("apps/web", "1.1.0");
                    Deadline.await("'found 2 tags' about every repository", TIMEOUT,
                            () -> announcedTwoTags(events).keySet().containsAll(repositories) ? true : null,
                            () -> announcedTwoTags(events).toString());
                    awaitScanned("every repository scanned twice more", repositories, 2,
                            Map.of(a, scans(a, repositories), b, scans(b, repositories)));
                    assertEquals(repositories.stream().collect(Collectors.toMap(name -> name, name -> 1L,
                            (x, y) -> x, TreeMap::new)), announcedTwoTags(events), "announcements of 2 tags");

                    // B dies without handing anything over: A takes its repositories once B's session ends.
                    b.kill();
                } finally {
                    b.close();
                }
                Deadline.until("A owning every partition again", TIMEOUT, () -> a.metric(OWNED) == repositories.size());
                awaitScanned("A scanning every repository", repositories, 1, Map.of(a, scans(a, repositories)));
                assertEquals(Set.copyOf(repositories), listed(a), "A lists every repository on /api/images");
            }
        }
    }

    /** One ImageRepository per partition of sluice.config. */
    private static List<String> namesCoveringEveryPartition() {
        Map<Integer, String> byPartition = new TreeMap<>();
        for (int i = 0; byPartition.size() < TopicSettings.DEFAULT_PARTITIONS; i++) {
            String name = "web-" + i;
            byPartition.putIfAbsent(PartitionShare.partitionOf(ConfigDocuments.ref(name).id(),
                    TopicSettings.DEFAULT_PARTITIONS), name);
        }
        return List.copyOf(byPartition.values());
    }

    /** The scans of each repository the instance counted. */
    private static Map<String, Double> scans(ServiceProcess instance, List<String> repositories) {
        return repositories.stream().collect(Collectors.toMap(name -> name,
                name -> instance.metric(SCANS, "repository=\"flux-system/" + name + "\"")));
    }

    /**
     * Waits until one of the instances scanned each repository at least {@code more} times since
     * {@code since} gave its counts (by repository; a repository not there: 0).
     */
    private static void awaitScanned(String what, List<String> repositories, int more,
            Map<ServiceProcess, Map<String, Double>> since) {
        Deadline.await(what, TIMEOUT, () -> {
            List<String> waiting = new ArrayList<>(repositories);
            since.forEach((instance, before) -> {
                Map<String, Double> now = scans(instance, repositories);
                waiting.removeIf(name -> now.get(name) - before.getOrDefault(name, 0.0) >= more);
            });
            return waiting.isEmpty() ? true : null;
        }, () -> "scans counted: " + since.keySet().stream().map(instance -> scans(instance, repositories))
                .toList());
    }

    private static Set<String> scannedSince(ServiceProcess instance, Map<String, Double> before) {
        Map<String, Double> now = scans(instance, List.copyOf(before.keySet()));
        return before.keySet().stream().filter(name -> now.get(name) > before.get(name)).collect(Collectors.toSet());
    }

    /** The names GET /api/images of the instance lists. */
    private static Set<String> listed(ServiceProcess instance) throws Exception {
        Set<String> names = new HashSet<>();
        Json.MAPPER.readTree(instance.get("/api/images")).forEach(status -> names.add(status.path("name").asText()));
        return names;
    }

    /** How many times each repository was announced with 2 tags. */
    private static Map<String, Long> announcedTwoTags(List<Event> events) {
        return events.stream().filter(e -> Reasons.SCAN_SUCCEEDED.equals(e.reason())
                        && "successful scan: found 2 tags".equals(e.message()))
                .collect(Collectors.groupingBy(e -> e.involvedObject().name(), TreeMap::new, Collectors.counting()));
    }

    private static Set<String> intersection(Set<String> x, Set<String> y) {
        Set<String> both = new HashSet<>(x);
        both.retainAll(y);
        return both;
    }

    private static Set<String> union(Set<String> x, Set<String> y) {
        Set<String> all = new HashSet<>(x);
        all.addAll(y);
        return all;
    }
}
