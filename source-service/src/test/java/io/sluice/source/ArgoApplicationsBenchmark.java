package io.sluice.source;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.api.ObjectRef;
import io.sluice.api.argo.ArgoSourceIds;
import io.sluice.events.ConfigDocument;
import io.sluice.events.Topics;
import io.sluice.testkit.git.WorkingCopy;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.process.Deadline;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Issue 4's benchmark (c): one repository used by 500 Argo CD Applications: the Git requests per
 * poll interval (sluice.source.git.argo-interval, 2 s in tests) and the service's memory, printed
 * (not asserted). Not part of the build: run it with
 * {@code ./mvnw -pl source-service verify -Dtest=ArgoApplicationsBenchmark}.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(SourceTestFolders.class)
class ArgoApplicationsBenchmark {
    private static final int APPLICATIONS = 500;
    private static final Duration WINDOW = Duration.ofSeconds(30);

    @Test
    void fiveHundredApplicationsOnOneRepository() throws Exception {
        Path work = Files.createTempDirectory("sluice-argo-bench-");
        try (CountingGitHttpServer git = CountingGitHttpServer.start(work.resolve("server"));
                TopicClients topics = new TopicClients();
                WorkingCopy repo = WorkingCopy.create(work.resolve("repo"), git.createRepository("fleet"))) {
            for (int i = 0; i < APPLICATIONS; i++) {
                repo.write("apps/app-" + i + "/deployment.yaml", "replicas: 1\n");
            }
            String sha = repo.commitAndPush("500 applications");
            String url = git.url("fleet");
            String id = ArgoSourceIds.gitSource(url, "main").orElseThrow().id();
            long heapBefore = usedHeapAfterGc();

            long start = System.nanoTime();
            for (int i = 0; i < APPLICATIONS; i++) {
                ObjectRef ref = new ObjectRef("argoproj.io/v1alpha1", "Application", "argocd", "app-" + i);
                topics.publisher.send(Topics.CONFIG, ref.id(), ConfigDocument.of(ref, "bench", Map.of(
                        "apiVersion", ref.apiVersion(), "kind", ref.kind(),
                        "metadata", Map.of("name", ref.name(), "namespace", ref.namespace()),
                        "spec", Map.of("project", "default", "destination", Map.of(
                                "server", "https://kubernetes.default.svc", "namespace", "app-" + i),
                                "source", Map.of("repoURL", url, "targetRevision", "main", "path", "apps/app-" + i)))));
            }
            topics.artifacts.await("the shared artifact", id, a -> a.revision().equals("main@sha1:" + sha));
            double firstArtifactMillis = (System.nanoTime() - start) / 1e6;

            double polls = ServiceHttp.metric("sluice_source_poll_seconds_count", id);
            int sessions = git.sessions("fleet");
            int posts = git.uploadPackPosts("fleet");
            long windowStart = System.nanoTime();
            Deadline.until("the measuring window", WINDOW.plusSeconds(30),
                    () -> System.nanoTime() - windowStart >= WINDOW.toNanos());
            double pollsIn = ServiceHttp.metric("sluice_source_poll_seconds_count", id) - polls;
            int sessionsIn = git.sessions("fleet") - sessions;
            int postsIn = git.uploadPackPosts("fleet") - posts;
            long heapAfter = usedHeapAfterGc();
            String interval = ConfigProvider.getConfig().getValue("sluice.source.git.argo-interval", String.class);
            long sources = ServiceHttp.sources().stream().filter(s -> url.equals(s.get("url"))).count();

            System.out.printf("%nArgo CD benchmark: %d Applications on one repository (argo-interval %s):%n",
                    APPLICATIONS, interval);
            System.out.printf("  implicit sources for the repository:   %d%n", sources);
            System.out.printf("  Applications published -> artifact:    %.0f ms%n", firstArtifactMillis);
            System.out.printf("  over %d s idle: %.0f polls, %d info/refs GETs (ls-remote or fetch), %d upload-pack"
                    + " POSTs%n", WINDOW.toSeconds(), pollsIn, sessionsIn, postsIn);
            System.out.printf("  Git sessions per poll interval:         %.2f%n", pollsIn == 0 ? 0 : sessionsIn / pollsIn);
            System.out.printf("  artifacts published:                    %d%n", topics.artifacts.values(id).size());
            System.out.printf("  JVM heap used after GC: %.1f MiB before the Applications, %.1f MiB after"
                    + " (test JVM: service + test clients)%n", heapBefore / 1048576.0, heapAfter / 1048576.0);
            System.out.printf("  JVM resident set size:                  %.1f MiB%n", residentMiB());
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double residentMiB() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(line -> line.startsWith("VmRSS:"))
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024.0).findFirst().orElse(0.0);
    }
}
