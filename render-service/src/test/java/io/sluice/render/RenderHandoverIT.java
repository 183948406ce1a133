package io.sluice.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.events.ClaimCheck;
import io.sluice.events.RenderedBundle;
import io.sluice.events.kafka.PartitionShare;
import io.sluice.events.kafka.TopicSettings;
import io.sluice.testkit.process.Deadline;
import io.sluice.testkit.process.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Two render-service instances, each a process started from the packaged application, share
 * {@value #APPS} Kustomizations of one repository (two in each partition of sluice.config): each
 * application is rendered by one instance only. Then one instance is killed (kill -9) while it renders
 * a new revision, some of its bundles published and the rest not: the other takes its applications
 * over and brings every bundle to the new revision, publishing again none that was already there,
 * except the claim-checked ones, whose payload only the dead instance served.
 */
class RenderHandoverIT {
    private static final int PER_PARTITION = 2;
    private static final int APPS = PER_PARTITION * TopicSettings.DEFAULT_PARTITIONS;
    /** How many builds of the new revision the instance to be killed may start. */
    private static final int BUILDS_BEFORE_KILL = 4;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /**
     * kubectl kustomize behind a gate: while the folder given first holds a file "limit", only that many
     * builds start (each leaves a file in "started"); the others wait, so the instance is caught mid-render.
     */
    private static final String GATED_KUSTOMIZE = """
            #!/bin/sh
            gate=$1; shift
            if [ -f "$gate/limit" ]; then
              while [ -f "$gate/limit" ] && [ "$(ls "$gate/started" | wc -l)" -ge "$(cat "$gate/limit")" ]; do
                sleep 0.1
              done
              mktemp "$gate/started/build.XXXXXX" >/dev/null
            fi
            exec kubectl kustomize "$@"
            """;

    @Test
    void eachApplicationIsRenderedByOneInstanceAndAKilledInstancesShareIsFinishedByTheOther() throws Exception {
        Path work = Files.createTempDirectory("sluice-render-handover-");
        Path kustomize = Files.writeString(work.resolve("gated-kustomize"), GATED_KUSTOMIZE);
        Files.setPosixFilePermissions(kustomize, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path gateA = Files.createDirectories(work.resolve("gate-a").resolve("started")).getParent();
        Path gateB = Files.createDirectories(work.resolve("gate-b").resolve("started")).getParent();
        Map<String, Boolean> apps = appsCoveringEveryPartition();
        try (ArtifactServer server = new ArtifactServer(); RenderTopics topics = new RenderTopics();
                ServiceProcess a = ServiceProcess.start("render-a", work, properties(kustomize, gateA), List.of());
                ServiceProcess b = ServiceProcess.start("render-b", work, properties(kustomize, gateB), List.of())) {
            Deadline.until("both instances owning partitions", TIMEOUT,
                    () -> ownedPartitions(a) > 0 && ownedPartitions(b) > 0);
            assertEquals(TopicSettings.DEFAULT_PARTITIONS, ownedPartitions(a) + ownedPartitions(b));

            // Each application is rendered once, by the instance whose partitions hold it.
            String sourceId = RenderTopics.sourceId("handover-repo");
            apps.keySet().forEach(appId -> topics.kustomization(name(appId), "handover-repo", "./apps/" + name(appId)));
            topics.artifact(server.serve(sourceId, "main@sha1:1111", repository(apps, "v1")));
            apps.keySet().forEach(appId -> topics.bundle(appId, "main@sha1:1111"));
            Set<String> onA = renderedBy(a, apps.keySet());
            Set<String> onB = renderedBy(b, apps.keySet());
            assertEquals(APPS / 2, onA.size(), "A renders the applications of its 6 partitions: " + onA);
            assertEquals(APPS / 2, onB.size(), "B renders the others: " + onB);
            assertTrue(onA.stream().noneMatch(onB::contains), "no application rendered by both");
            for (String appId : apps.keySet()) {
                assertEquals(1.0, renders(a, appId) + renders(b, appId), "renders of " + appId);
                assertServedBy(topics.current(appId), onA.contains(appId) ? a : b);
            }

            // A new revision; A is killed after a few of its bundles are out, with builds in progress.
            double before = renders(a, apps.keySet());
            Files.writeString(gateA.resolve("limit"), Integer.toString(BUILDS_BEFORE_KILL));
            topics.artifact(server.serve(sourceId, "main@sha1:2222", repository(apps, "v2")));
            Deadline.until("A publishing " + BUILDS_BEFORE_KILL + " bundles of the new revision", TIMEOUT,
                    () -> renders(a, apps.keySet()) >= before + BUILDS_BEFORE_KILL && onA.stream()
                            .filter(appId -> atRevision(topics, appId, "main@sha1:2222")).count() >= BUILDS_BEFORE_KILL);
            a.handle().destroyForcibly(); // kill -9
            List<String> aBehind = onA.stream().filter(appId -> !atRevision(topics, appId, "main@sha1:2222")).toList();
            Files.delete(gateA.resolve("limit")); // the builds A left waiting end
            assertFalse(aBehind.isEmpty(), "A was killed before it rendered all of its applications");
            assertTrue(aBehind.size() < onA.size(), "A had published some bundles of the new revision");

            Deadline.until("B owning every partition", TIMEOUT,
                    () -> ownedPartitions(b) == TopicSettings.DEFAULT_PARTITIONS);
            Deadline.until("every application's bundle at the new revision", TIMEOUT, () -> apps.keySet().stream()
                    .allMatch(appId -> atRevision(topics, appId, "main@sha1:2222")));
            Deadline.until("B checking every application it took over", TIMEOUT,
                    () -> onA.stream().allMatch(appId -> renders(b, appId) > 0));
            for (Map.Entry<String, Boolean> app : apps.entrySet()) {
                RenderedBundle bundle = topics.current(app.getKey());
                List<RenderedBundle> atNew = topics.bundles(app.getKey()).stream()
                        .filter(published -> published.revision().equals("main@sha1:2222")).toList();
                if (app.getValue()) {
                    // Claim-checked: fetchable from B, published again if A's was the one on the topic.
                    assertServedBy(bundle, b);
                } else {
                    assertEquals(1, atNew.size(), app.getKey() + ": its new bundle published once: " + atNew);
                }
            }
        }
    }

    /** The packaged service's settings: a short session, so a killed instance's share moves soon. */
    private static Map<String, String> properties(Path kustomize, Path gate) {
        return Map.of("sluice.render.kustomize-command", kustomize + " " + gate,
                "mp.messaging.incoming.render-share.session.timeout.ms", "6000",
                "sluice.bundle.inline-limit", "4K");
    }

    /**
     * {@value #PER_PARTITION} Kustomizations in each partition of sluice.config, by application id;
     * true for those whose bundle is too large to travel inline.
     */
    private static Map<String, Boolean> appsCoveringEveryPartition() {
        Map<Integer, Integer> count = new HashMap<>();
        Map<String, Boolean> apps = new LinkedHashMap<>();
        for (int i = 0; apps.size() < APPS; i++) {
            String appId = RenderTopics.kustomizationRef("handover-" + i).id();
            if (count.merge(PartitionShare.partitionOf(appId, TopicSettings.DEFAULT_PARTITIONS), 1, Integer::sum)
                    <= PER_PARTITION) {
                apps.put(appId, apps.size() % 2 == 1);
            }
        }
        return apps;
    }

    private static String name(String appId) {
        return appId.substring(appId.lastIndexOf('/') + 1);
    }

    /** One folder per application with a ConfigMap at {@code version}; a large one for a claim-checked application. */
    private static byte[] repository(Map<String, Boolean> apps, String version) {
        TarGz files = new TarGz();
        apps.forEach((appId, large) -> files.file("apps/" + name(appId) + "/settings.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                data:
                  version: %s
                  padding: "%s"
                """.formatted(version, large ? "x".repeat(8192) : "")));
        return files.bytes();
    }

    private static boolean atRevision(RenderTopics topics, String appId, String revision) {
        RenderedBundle bundle = topics.current(appId);
        return bundle != null && revision.equals(bundle.revision()) && !bundle.failed();
    }

    private static void assertServedBy(RenderedBundle bundle, ServiceProcess instance) throws IOException,
            InterruptedException {
        ClaimCheck check = bundle.claimCheck();
        if (check == null) {
            return;
        }
        assertTrue(check.url().startsWith(instance.base() + "/"), bundle.appId() + " served by " + instance.base()
                + ": " + check.url());
        HttpResponse<byte[]> payload = HTTP.send(HttpRequest.newBuilder(URI.create(check.url())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, payload.statusCode(), check.url());
        assertEquals(check.sha256(), ArtifactServer.sha256(payload.body()), check.url());
    }

    private static Set<String> renderedBy(ServiceProcess instance, Set<String> appIds) {
        return Set.copyOf(appIds.stream().filter(appId -> renders(instance, appId) > 0).toList());
    }

    private static double renders(ServiceProcess instance, Set<String> appIds) {
        String metrics = metrics(instance);
        return appIds.stream().mapToDouble(appId -> renders(metrics, appId)).sum();
    }

    /** How many times {@code instance} rendered {@code appId}, from its render timer on /q/metrics. */
    private static double renders(ServiceProcess instance, String appId) {
        return renders(metrics(instance), appId);
    }

    private static double renders(String metrics, String appId) {
        Matcher sample = Pattern.compile("(?m)^sluice_render_duration_seconds_count\\{[^}]*app=\""
                + Pattern.quote(appId) + "\"[^}]*} (\\S+)$").matcher(metrics);
        double sum = 0;
        while (sample.find()) {
            sum += Double.parseDouble(sample.group(1));
        }
        return sum;
    }

    private static int ownedPartitions(ServiceProcess instance) {
        Matcher sample = Pattern.compile("(?m)^sluice_render_owned_partitions(?:\\{[^}]*})? (\\S+)$")
                .matcher(metrics(instance));
        return sample.find() ? (int) Double.parseDouble(sample.group(1)) : 0;
    }

    private static String metrics(ServiceProcess instance) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(instance.base() + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the metrics of " + instance.base() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
