package io.sluice.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.events.RenderedBundle;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.process.Deadline;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * One repository, twenty Kustomizations: a commit re-renders exactly the applications whose files
 * it touched, counted on the rendered topic by a real consumer and by the render timers.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class MonorepoCacheTest extends RenderTestBase {
    private static final int APPS = 20;
    /** Apps below this number build an overlay of the shared base; the others are plain folders. */
    private static final int OVERLAYS = 10;

    @Inject
    MeterRegistry meters;

    private static String appId(int i) {
        return RenderTopics.kustomizationRef("mono-" + i).id();
    }

    private static Map<String, String> monorepo(String sharedReplicas, int touchedApp) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("base/shared/kustomization.yaml", "resources:\n- deployment.yaml\n");
        files.put("base/shared/deployment.yaml", Manifests.deployment("shared").replace("spec:\n  selector",
                "spec:\n  replicas: " + sharedReplicas + "\n  selector"));
        for (int i = 0; i < APPS; i++) {
            String data = i == touchedApp ? "touched" : "as-is";
            if (i < OVERLAYS) {
                files.put("apps/app-" + i + "/kustomization.yaml",
                        "namePrefix: app-" + i + "-\nresources:\n- ../../base/shared\n- settings.yaml\n");
            }
            files.put("apps/app-" + i + "/settings.yaml", Manifests.configMap("settings-" + i)
                    .replace("key: value", "state: " + data));
        }
        files.put("README.md", "twenty apps\n");
        return files;
    }

    private void publish(String revision, Map<String, String> files) {
        topics.artifact(server.serve(RenderTopics.sourceId("mono-repo"), revision, TarGz.of(files)));
    }

    private long renders() {
        return IntStream.range(0, APPS).mapToLong(i -> meters.find("sluice.render.duration").tag("app", appId(i))
                .timers().stream().mapToLong(Timer::count).sum()).sum();
    }

    private double cacheHits() {
        var counter = meters.find("sluice.render.cache.hits").counter();
        return counter == null ? 0 : counter.count();
    }

    private List<String> revisions(int app) {
        return topics.bundles(appId(app)).stream().map(RenderedBundle::revision).toList();
    }

    @Test
    void aCommitRerendersOnlyTheApplicationsWhoseFilesItTouched() {
        for (int i = 0; i < APPS; i++) {
            topics.kustomization("mono-" + i, "mono-repo", "./apps/app-" + i);
        }
        publish("main@sha1:one", monorepo("1", -1));
        IntStream.range(0, APPS).forEach(i -> topics.bundle(appId(i), "main@sha1:one"));
        assertEquals(APPS, renders());

        // One app's own file: one render, one new bundle; the nineteen others are cache hits.
        double hits = cacheHits();
        publish("main@sha1:two", monorepo("1", 7));
        topics.bundle(appId(7), "main@sha1:two");
        Deadline.until("19 cache hits", RenderTopics.WAIT, () -> cacheHits() - hits >= APPS - 1);
        assertEquals(APPS + 1, renders());
        for (int i = 0; i < APPS; i++) {
            assertEquals(i == 7 ? List.of("main@sha1:one", "main@sha1:two") : List.of("main@sha1:one"), revisions(i),
                    "bundles of app " + i);
        }

        // The shared base: exactly the ten overlays that include it.
        double hitsBefore = cacheHits();
        publish("main@sha1:three", monorepo("3", 7));
        IntStream.range(0, OVERLAYS).forEach(i -> topics.bundle(appId(i), "main@sha1:three"));
        Deadline.until("10 cache hits", RenderTopics.WAIT, () -> cacheHits() - hitsBefore >= APPS - OVERLAYS);
        assertEquals(APPS + 1 + OVERLAYS, renders());
        for (int i = 0; i < APPS; i++) {
            List<String> revisions = revisions(i);
            assertEquals(i < OVERLAYS ? "main@sha1:three" : i == 7 ? "main@sha1:two" : "main@sha1:one",
                    revisions.get(revisions.size() - 1), "bundles of app " + i);
            assertEquals(i < OVERLAYS ? (i == 7 ? 3 : 2) : 1, revisions.size(), "bundles of app " + i);
        }
        assertEquals(3, replicas(topics.current(appId(0))));
    }

    @SuppressWarnings("unchecked")
    private static int replicas(RenderedBundle bundle) {
        Map<String, Object> spec = (Map<String, Object>) Manifests.object(bundle, "Deployment", "app-0-shared")
                .get("spec");
        return ((Number) spec.get("replicas")).intValue();
    }
}
