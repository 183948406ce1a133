package io.sluice.render;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.api.argo.ArgoSourceIds;
import io.sluice.events.RenderedBundle;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.process.Deadline;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 5's render benchmark, printed (not asserted): N applications of each kind (plain folder,
 * Kustomize overlay of a shared base, Helm chart, Argo CD Application of a plain folder) rendered
 * cold through the topics; one commit touching one application of an N-application monorepo, of
 * Kustomizations and of Argo CD Applications (renders run, time to its new bundle); and the same N
 * overlays built with {@code kubectl kustomize}, once per application, one and two at a time, as Argo
 * CD's repo-server does. Not part of the build: run it with
 * {@code ./mvnw -B -o -pl render-service verify -Dsluice.control-plane.skip=true -Dtest=RenderBenchmark}
 * (add {@code -Dsluice.bench.apps=200} for a shorter run; the default is 1,000).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class RenderBenchmark extends RenderTestBase {
    private static final int APPS = Integer.getInteger("sluice.bench.apps", 1000);
    private static final Duration LONG = Duration.ofMinutes(30);
    private static final String ARGO_REPO = "https://git.example/org/bench.git";

    @Inject
    MeterRegistry meters;

    private final List<String> rows = new ArrayList<>();

    private long renders() {
        return meters.find("sluice.render.duration").timers().stream().mapToLong(Timer::count).sum();
    }

    private void row(String what, long renders, double seconds) {
        rows.add(String.format("  %-52s %6d %10.1f %10.1f", what, renders, seconds, renders / seconds));
    }

    private static Map<String, String> plainRepo(int touched) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < APPS; i++) {
            files.put("apps/app-" + i + "/settings.yaml", Manifests.configMap("settings-" + i)
                    .replace("key: value", "state: " + (i == touched ? "touched" : "as-is")));
        }
        return files;
    }

    private static Map<String, String> overlayRepo() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("base/kustomization.yaml", "resources:\n- deployment.yaml\n- settings.yaml\n");
        files.put("base/deployment.yaml", Manifests.deployment("web"));
        files.put("base/settings.yaml", Manifests.configMap("settings"));
        for (int i = 0; i < APPS; i++) {
            files.put("apps/app-" + i + "/kustomization.yaml", "namePrefix: app-" + i + "-\nresources:\n- ../../base\n"
                    + "images:\n- name: nginx\n  newTag: \"1." + i + "\"\n");
        }
        return files;
    }

    /** Waits until every application has a bundle at {@code revision}; returns the seconds since {@code start}. */
    private static double allRendered(IntFunction<String> appId, String revision, long start) {
        Deadline.until(APPS + " bundles at " + revision, LONG, () -> IntStream.range(0, APPS)
                .allMatch(i -> topics.bundles(appId.apply(i)).stream().anyMatch(b -> revision.equals(b.revision())
                        && !b.failed())));
        return (System.nanoTime() - start) / 1e9;
    }

    @Test
    void renderThousandsOfApplications() throws Exception {
        IntFunction<String> plainApp = i -> RenderTopics.kustomizationRef("plain-" + i).id();
        IntFunction<String> overlayApp = i -> RenderTopics.kustomizationRef("overlay-" + i).id();
        IntFunction<String> helmApp = i -> RenderTopics.helmReleaseRef("chart-" + i).id();
        IntFunction<String> argoApp = i -> RenderTopics.argoApplicationRef("argo-" + i).id();

        // Plain folders (Flux generates their kustomization.yaml).
        IntStream.range(0, APPS).forEach(i -> topics.kustomization("plain-" + i, "plain-repo", "./apps/app-" + i));
        long before = renders();
        long start = System.nanoTime();
        topics.artifact(server.serve(RenderTopics.sourceId("plain-repo"), "main@sha1:p1", TarGz.of(plainRepo(-1))));
        double seconds = allRendered(plainApp, "main@sha1:p1", start);
        row("plain folders, cold", renders() - before, seconds);

        // Kustomize overlays of one base.
        IntStream.range(0, APPS).forEach(i -> topics.kustomization("overlay-" + i, "overlay-repo", "./apps/app-" + i));
        before = renders();
        start = System.nanoTime();
        topics.artifact(server.serve(RenderTopics.sourceId("overlay-repo"), "main@sha1:o1", TarGz.of(overlayRepo())));
        seconds = allRendered(overlayApp, "main@sha1:o1", start);
        row("Kustomize overlays, cold", renders() - before, seconds);

        // Helm charts: one HelmRelease and one chart artifact each.
        Map<String, String> chart = HelmCharts.chart("bench", "replicas: 1\n", Map.of("deployment.yaml",
                Manifests.deployment("{{ .Release.Name }}").replace("spec:\n  selector",
                        "spec:\n  replicas: {{ .Values.replicas }}\n  selector")));
        byte[] packaged = HelmCharts.packaged("bench", chart);
        IntStream.range(0, APPS).forEach(i -> topics.helmRelease("chart-" + i, "bench", Map.of()));
        before = renders();
        start = System.nanoTime();
        for (int i = 0; i < APPS; i++) {
            topics.artifact(server.serve(RenderTopics.chartSourceId("chart-" + i), "1.0.0@sha256:bench", packaged));
        }
        seconds = allRendered(helmApp, "1.0.0@sha256:bench", start);
        row("Helm charts (HelmRelease), cold", renders() - before, seconds);

        // Argo CD Applications of the plain folders, all on one repository (one implicit Git source).
        String argoSource = ArgoSourceIds.gitSource(ARGO_REPO, "main").orElseThrow().id();
        IntStream.range(0, APPS).forEach(i -> topics.argoApplication("argo-" + i, Map.of("project", "default",
                "source", Map.of("repoURL", ARGO_REPO, "targetRevision", "main", "path", "apps/app-" + i),
                "destination", Map.of("server", "https://kubernetes.default.svc", "namespace", "bench"))));
        before = renders();
        start = System.nanoTime();
        topics.artifact(server.serve(argoSource, "main@sha1:g1", TarGz.of(plainRepo(-1))));
        seconds = allRendered(argoApp, "main@sha1:g1", start);
        row("Argo CD Applications (plain folders), cold", renders() - before, seconds);

        // One commit touching one application of each monorepo.
        String kustomizations = oneCommit("Kustomizations", plainApp, RenderTopics.sourceId("plain-repo"),
                "main@sha1:p2");
        String applications = oneCommit("Argo CD Applications", argoApp, argoSource, "main@sha1:g2");

        // The repo-server way: kubectl kustomize once per overlay.
        Path tree = KustomizeReference.write(overlayRepo());
        double sequential = kubectlKustomize(tree, 1);
        double parallel = kubectlKustomize(tree, 2);
        KustomizeReference.delete(tree);
        row("kubectl kustomize per overlay, sequential", APPS, sequential);
        row("kubectl kustomize per overlay, 2 in parallel", APPS, parallel);

        System.out.printf("%nRender benchmark: %d applications per kind, %d cores, %s workers%n", APPS,
                Runtime.getRuntime().availableProcessors(), System.getProperty("sluice.render.workers", "default"));
        System.out.printf("  %-52s %6s %10s %10s%n", "", "renders", "seconds", "renders/s");
        rows.forEach(System.out::println);
        System.out.println(kustomizations);
        System.out.println(applications);
    }

    /** Publishes a commit of the plain monorepo touching one application of {@code appId}'s; what it cost. */
    private String oneCommit(String kind, IntFunction<String> appId, String sourceId, String revision) {
        int touched = APPS / 2;
        long before = renders();
        long publishedBefore = IntStream.range(0, APPS).mapToLong(i -> topics.bundles(appId.apply(i)).size()).sum();
        double hits = cacheHits();
        long start = System.nanoTime();
        topics.artifact(server.serve(sourceId, revision, TarGz.of(plainRepo(touched))));
        RenderedBundle bundle = Deadline.await("the touched app's bundle", LONG, () -> topics.bundles(
                appId.apply(touched)).stream().filter(b -> revision.equals(b.revision())).findFirst()
                .orElse(null), null);
        double toBundle = (System.nanoTime() - start) / 1e9;
        Deadline.until("every other app decided", LONG, () -> cacheHits() - hits >= APPS - 1);
        double allDecided = (System.nanoTime() - start) / 1e9;
        long published = IntStream.range(0, APPS).mapToLong(i -> topics.bundles(appId.apply(i)).size()).sum()
                - publishedBefore;
        return String.format("  one commit touching 1 of %d %s (plain monorepo): %d render(s), %d bundle(s)"
                + " published, new bundle after %.2f s, all %d apps decided after %.2f s (bundle has %d objects)",
                APPS, kind, renders() - before, published, toBundle, APPS, allDecided, bundle.objects().size());
    }

    private double cacheHits() {
        var counter = meters.find("sluice.render.cache.hits").counter();
        return counter == null ? 0 : counter.count();
    }

    private static double kubectlKustomize(Path tree, int parallel) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        long start = System.nanoTime();
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < APPS; i++) {
                Path dir = tree.resolve("apps/app-" + i);
                runs.add(pool.submit(() -> build(dir)));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static Void build(Path dir) {
        try {
            Process process = new ProcessBuilder("kubectl", "kustomize", "--load-restrictor",
                    "LoadRestrictionsRootOnly", dir.toString()).redirectErrorStream(true).start();
            try (InputStream out = process.getInputStream()) {
                out.transferTo(java.io.OutputStream.nullOutputStream());
            }
            if (process.waitFor() != 0) {
                throw new IllegalStateException("kubectl kustomize " + dir + " failed");
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
