package io.sluice.source;

import io.sluice.events.kafka.TopicAdmin;
import io.sluice.testkit.git.GitHttpServer;
import io.sluice.testkit.git.WorkingCopy;
import io.sluice.testkit.kafka.KafkaBroker;
import io.sluice.testkit.process.Deadline;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 4's benchmark (b): 1,000 GitRepositories on 50 repositories, polled every minute, left idle
 * (no commits) for 5 minutes: CPU time and memory of source-service, and Git requests per minute at
 * the Git server. The service runs as its own process, started from the packaged application, so the
 * figures are its own (the broker, the Git server and this JVM are not counted). Printed, not
 * asserted; not part of the build: run it with {@code ./mvnw -pl source-service verify -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=IdlePollingBenchmark} ({@code -Dbench.minutes=N}
 * for another window).
 */
class IdlePollingBenchmark {
    private static final int REPOSITORIES = 50;
    private static final int SOURCES = 1000;
    private static final Duration SAMPLE = Duration.ofSeconds(10);

    @Test
    void idlePolling() throws Exception {
        int minutes = Integer.getInteger("bench.minutes", 5);
        Path work = Files.createTempDirectory("sluice-idle-bench-");
        TopicAdmin.ensureTopics(KafkaBroker.shared().bootstrapServers());
        try (GitHttpServer git = GitHttpServer.start(work.resolve("server"));
                CountingGitProxy proxy = new CountingGitProxy(origin(git.url("any")));
                TopicClients topics = new TopicClients()) {
            List<String> urls = new ArrayList<>();
            for (int r = 0; r < REPOSITORIES; r++) {
                String name = "repo-" + r;
                try (WorkingCopy repo = WorkingCopy.create(work.resolve("repos").resolve(name),
                        git.createRepository(name))) {
                    repo.write("deploy/app.yaml", "repository: " + r + "\n").commitAndPush("first");
                }
                urls.add(proxy.via(git.url(name)));
            }
            List<String> ids = new ArrayList<>();
            for (int s = 0; s < SOURCES; s++) {
                ids.add(GitRepositoryDocuments.publish(topics.publisher, "bench-" + s, Map.of("url",
                        urls.get(s % REPOSITORIES), "interval", "1m", "ref", Map.of("branch", "main"))));
            }

            try (SourceServiceProcess service = SourceServiceProcess.start("source-bench", work, List.of())) {
                long startup = System.nanoTime();
                Deadline.until("an artifact for each of the " + SOURCES + " sources", Duration.ofMinutes(5),
                        () -> ids.stream().allMatch(id -> !topics.artifacts.values(id).isEmpty()));
                double startupSeconds = (System.nanoTime() - startup) / 1e9;

                ProcessHandle process = service.handle();
                Duration cpuBefore = cpu(process);
                long refsBefore = proxy.refAdvertisements.get();
                long uploadsBefore = proxy.uploadPacks.get();
                double pollsBefore = service.metric("sluice_source_poll_seconds_count", "");
                double pollSecondsBefore = service.metric("sluice_source_poll_seconds_sum", "");
                int artifactsBefore = topics.artifacts.values().size();
                long rssMax = 0;
                double heapMax = 0;
                long end = System.nanoTime() + Duration.ofMinutes(minutes).toNanos();
                while (System.nanoTime() < end) {
                    Thread.sleep(SAMPLE.toMillis()); // sampling at a fixed rate is the point here, not a wait
                    rssMax = Math.max(rssMax, rssBytes(process));
                    heapMax = Math.max(heapMax, heapUsed(service));
                }
                double cpuSeconds = cpu(process).minus(cpuBefore).toMillis() / 1e3;
                double polls = service.metric("sluice_source_poll_seconds_count", "") - pollsBefore;
                double pollSeconds = service.metric("sluice_source_poll_seconds_sum", "") - pollSecondsBefore;

                System.out.printf("%nidle polling benchmark: %d GitRepositories on %d repositories (smart HTTP),"
                        + " interval 1m, %d min idle; source-service in its own JVM (default options)%n",
                        SOURCES, REPOSITORIES, minutes);
                System.out.printf("  first artifact of every source:   %.1f s after start%n", startupSeconds);
                System.out.printf("  CPU time of source-service:       %.1f s in %d min = %.1f%% of one core%n",
                        cpuSeconds, minutes, 100 * cpuSeconds / (minutes * 60.0));
                System.out.printf("  resident memory (RSS):            %.0f MiB at the end, %.0f MiB at most%n",
                        rssBytes(process) / 1048576.0, rssMax / 1048576.0);
                System.out.printf("  heap used:                        %.0f MiB at the end, %.0f MiB at most"
                        + " (sampled every %d s)%n", heapUsed(service) / 1048576.0, heapMax / 1048576.0,
                        SAMPLE.toSeconds());
                System.out.printf("  live threads:                     %.0f%n",
                        service.metric("jvm_threads_live_threads", ""));
                System.out.printf("  polls:                            %.0f (%.0f per minute), mean %.1f ms%n",
                        polls, polls / minutes, 1000 * pollSeconds / Math.max(1, polls));
                System.out.printf("  Git requests at the server:       %.0f per minute (%.0f ref advertisements,"
                        + " %.0f upload-pack)%n",
                        (proxy.refAdvertisements.get() - refsBefore + proxy.uploadPacks.get() - uploadsBefore)
                                / (double) minutes,
                        (proxy.refAdvertisements.get() - refsBefore) / (double) minutes,
                        (proxy.uploadPacks.get() - uploadsBefore) / (double) minutes);
                System.out.printf("  artifacts published while idle:   %d%n",
                        topics.artifacts.values().size() - artifactsBefore);
            }
        }
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }

    private static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElseThrow(() -> new AssertionError("no CPU time of " + process));
    }

    /** VmRSS of /proc/<pid>/status, in bytes. */
    private static long rssBytes(ProcessHandle process) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new AssertionError("no VmRSS for " + process);
    }

    private static double heapUsed(SourceServiceProcess service) {
        return service.metric("jvm_memory_used_bytes", "area=\"heap\"");
    }
}
