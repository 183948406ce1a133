package io.sluice.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.api.argo.ArgoSourceIds;
import io.sluice.events.RenderedBundle;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.process.Deadline;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * One repository, many applications: a commit re-renders exactly the applications whose files it
 * touched, counted on the rendered topic by a real consumer and by the render timers. Twenty Flux
 * Kustomizations; a hundred Argo CD Applications (issue 10's acceptance: a commit touching one
 * application's path renders once and publishes one bundle).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class MonorepoCacheTest extends RenderTestBase {
    private static final int APPS = 20;
    /** Apps below this number build an overlay of the shared base; the others are plain folders. */
    private static final int OVERLAYS = 10;
    private static final int ARGO_APPS = 100;
    private static final String ARGO_REPO = "https://git.example/org/argo-monorepo.git";

    @Inject
    MeterRegistry meters;

    private static String appId(int i) {
        return RenderTopics.kustomizationRef("mono-" + i).id();
    }

    private static String argoAppId(int i) {
        return RenderTopics.argoApplicationRef("argo-mono-" + i).id();
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

    /** What an Argo CD Application of the hundred renders from its folder: a kustomization, a chart or plain files. */
    private enum ArgoKind {
        KUSTOMIZE, HELM, DIRECTORY;

        static ArgoKind of(int app) {
            return values()[app % 3];
        }
    }

    /**
     * The hundred Argo CD applications' repository: kustomize overlays of the shared base, charts whose
     * values include shared/values.yaml, and plain folders with a file the directory options leave out.
     */
    private static Map<String, String> argoMonorepo(String sharedReplicas, int touchedApp, String readme) {
        Map<String, String> files = monorepo(sharedReplicas, -1);
        files.keySet().removeIf(file -> file.startsWith("apps/"));
        files.put("shared/values.yaml", "replicas: " + sharedReplicas + "\n");
        for (int i = 0; i < ARGO_APPS; i++) {
            String dir = "apps/app-" + i + "/";
            String settings = Manifests.configMap("settings-" + i)
                    .replace("key: value", "state: " + (i == touchedApp ? "touched" : "as-is"));
            switch (ArgoKind.of(i)) {
                case KUSTOMIZE -> {
                    files.put(dir + "kustomization.yaml",
                            "namePrefix: app-" + i + "-\nresources:\n- ../../base/shared\n- settings.yaml\n");
                    files.put(dir + "settings.yaml", settings);
                }
                case HELM -> {
                    HelmCharts.chart("app-" + i, "replicas: 1\n", Map.of("settings.yaml", settings,
                            "replicas.yaml", Manifests.configMap("replicas-" + i)
                                    .replace("key: value", "replicas: \"{{ .Values.replicas }}\"")))
                            .forEach((file, text) -> files.put(dir + file, text));
                }
                case DIRECTORY -> {
                    files.put(dir + "settings.yaml", settings);
                    files.put(dir + "notes.txt", "not a manifest\n");
                }
            }
        }
        files.put("README.md", readme);
        return files;
    }

    private static Map<String, Object> argoSpec(int i) {
        Map<String, Object> source = new LinkedHashMap<>(Map.of("repoURL", ARGO_REPO, "targetRevision", "main",
                "path", "apps/app-" + i));
        if (ArgoKind.of(i) == ArgoKind.HELM) {
            source.put("helm", Map.of("valueFiles", List.of("../../shared/values.yaml")));
        }
        return Map.of("project", "default", "source", source,
                "destination", Map.of("server", "https://kubernetes.default.svc", "namespace", "mono"));
    }

    private void publish(String revision, Map<String, String> files) {
        topics.artifact(server.serve(RenderTopics.sourceId("mono-repo"), revision, TarGz.of(files)));
    }

    private void publishArgo(String revision, Map<String, String> files) {
        topics.artifact(server.serve(ArgoSourceIds.gitSource(ARGO_REPO, "main").orElseThrow().id(), revision,
                TarGz.of(files)));
    }

    /** How many renders the applications {@code appId} names (0 to {@code count} - 1) have run. */
    private long renders(IntFunction<String> appId, int count) {
        return IntStream.range(0, count).mapToLong(i -> meters.find("sluice.render.duration")
                .tag("app", appId.apply(i)).timers().stream().mapToLong(Timer::count).sum()).sum();
    }

    private double cacheHits() {
        var counter = meters.find("sluice.render.cache.hits").counter();
        return counter == null ? 0 : counter.count();
    }

    /** The revisions of the bundles published for an application, in order. */
    private static List<String> revisions(String appId) {
        return topics.bundles(appId).stream().map(RenderedBundle::revision).toList();
    }

    /** How many bundles the applications {@code appId} names have published in all. */
    private static long published(IntFunction<String> appId, int count) {
        return IntStream.range(0, count).mapToLong(i -> topics.bundles(appId.apply(i)).size()).sum();
    }

    /** Publishes {@code revision} and waits until {@code rendered} apps have a bundle at it and the others a cache hit. */
    private void commit(Runnable publish, String revision, IntFunction<String> appId, int count,
            IntPredicate rendered) {
        double hits = cacheHits();
        long others = IntStream.range(0, count).filter(rendered.negate()).count();
        publish.run();
        IntStream.range(0, count).filter(rendered).forEach(i -> topics.bundle(appId.apply(i), revision));
        Deadline.until(others + " cache hits", RenderTopics.WAIT, () -> cacheHits() - hits >= others);
    }

    @Test
    void aCommitRerendersOnlyTheKustomizationsWhoseFilesItTouched() {
        for (int i = 0; i < APPS; i++) {
            topics.kustomization("mono-" + i, "mono-repo", "./apps/app-" + i);
        }
        publish("main@sha1:one", monorepo("1", -1));
        IntStream.range(0, APPS).forEach(i -> topics.bundle(appId(i), "main@sha1:one"));
        assertEquals(APPS, renders(MonorepoCacheTest::appId, APPS));

        // One app's own file: one render, one new bundle; the nineteen others are cache hits.
        commit(() -> publish("main@sha1:two", monorepo("1", 7)), "main@sha1:two", MonorepoCacheTest::appId, APPS,
                i -> i == 7);
        assertEquals(APPS + 1, renders(MonorepoCacheTest::appId, APPS));
        for (int i = 0; i < APPS; i++) {
            assertEquals(i == 7 ? List.of("main@sha1:one", "main@sha1:two") : List.of("main@sha1:one"),
                    revisions(appId(i)), "bundles of app " + i);
        }

        // The shared base: exactly the ten overlays that include it.
        commit(() -> publish("main@sha1:three", monorepo("3", 7)), "main@sha1:three", MonorepoCacheTest::appId, APPS,
                i -> i < OVERLAYS);
        assertEquals(APPS + 1 + OVERLAYS, renders(MonorepoCacheTest::appId, APPS));
        for (int i = 0; i < APPS; i++) {
            List<String> revisions = revisions(appId(i));
            assertEquals(i < OVERLAYS ? "main@sha1:three" : i == 7 ? "main@sha1:two" : "main@sha1:one",
                    revisions.get(revisions.size() - 1), "bundles of app " + i);
            assertEquals(i < OVERLAYS ? (i == 7 ? 3 : 2) : 1, revisions.size(), "bundles of app " + i);
        }
        assertEquals(3, replicas(topics.current(appId(0)), "app-0-shared"));
    }

    @Test
    void aCommitTouchingOneArgoApplicationsPathRendersThatOneOfAHundred() {
        IntStream.range(0, ARGO_APPS).forEach(i -> topics.argoApplication("argo-mono-" + i, argoSpec(i)));
        publishArgo("main@sha1:a1", argoMonorepo("1", -1, "a hundred apps\n"));
        IntStream.range(0, ARGO_APPS).forEach(i -> topics.bundle(argoAppId(i), "main@sha1:a1"));
        assertEquals(ARGO_APPS, renders(MonorepoCacheTest::argoAppId, ARGO_APPS));
        assertEquals(ARGO_APPS, published(MonorepoCacheTest::argoAppId, ARGO_APPS));

        // One application's folder, and files no application reads (the README, a file the directory
        // options leave out): one render, one bundle published; the 99 others are cache hits.
        int touched = 42;
        Map<String, String> second = argoMonorepo("1", touched, "a hundred apps, one touched\n");
        second.put("apps/app-2/notes.txt", "still not a manifest\n");
        commit(() -> publishArgo("main@sha1:a2", second), "main@sha1:a2", MonorepoCacheTest::argoAppId, ARGO_APPS,
                i -> i == touched);
        long renders = renders(MonorepoCacheTest::argoAppId, ARGO_APPS) - ARGO_APPS;
        long bundles = published(MonorepoCacheTest::argoAppId, ARGO_APPS) - ARGO_APPS;
        System.out.printf("%d Argo CD Applications on one repository, a commit touching one application's path:"
                + " %d render(s), %d bundle(s) published%n", ARGO_APPS, renders, bundles);
        assertEquals(1, renders);
        assertEquals(1, bundles);
        assertEquals(List.of("main@sha1:a1", "main@sha1:a2"), revisions(argoAppId(touched)));

        // The shared base and the shared values file: the overlays and the charts that read them, nothing else.
        commit(() -> publishArgo("main@sha1:a3", argoMonorepo("3", touched, "a hundred apps, one touched\n")),
                "main@sha1:a3", MonorepoCacheTest::argoAppId, ARGO_APPS, i -> ArgoKind.of(i) != ArgoKind.DIRECTORY);
        for (int i = 0; i < ARGO_APPS; i++) {
            List<String> revisions = revisions(argoAppId(i));
            assertEquals(ArgoKind.of(i) == ArgoKind.DIRECTORY ? "main@sha1:a1" : "main@sha1:a3",
                    revisions.get(revisions.size() - 1), "bundles of Argo CD Application " + i);
        }
        assertEquals(3, replicas(topics.current(argoAppId(0)), "app-0-shared"));
        assertEquals(Map.of("replicas", "3"), Manifests.object(topics.current(argoAppId(1)), "ConfigMap", "replicas-1")
                .get("data"));
    }

    @SuppressWarnings("unchecked")
    private static int replicas(RenderedBundle bundle, String deployment) {
        Map<String, Object> spec = (Map<String, Object>) Manifests.object(bundle, "Deployment", deployment)
                .get("spec");
        return ((Number) spec.get("replicas")).intValue();
    }
}
