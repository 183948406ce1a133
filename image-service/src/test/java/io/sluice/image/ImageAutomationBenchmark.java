package io.sluice.image;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.events.ImageCommand;
import io.sluice.events.ImageLatest;
import io.sluice.events.ImageStatus;
import io.sluice.events.Topics;
import io.sluice.events.kafka.Publisher;
import io.sluice.events.kafka.TopicView;
import io.sluice.testkit.git.GitHttpServer;
import io.sluice.testkit.git.WorkingCopy;
import io.sluice.testkit.kafka.KafkaBroker;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.process.Deadline;
import io.sluice.testkit.registry.OciRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;

/**
 * Image automation at scale, printed as a table (not a timed test): 200 ImagePolicies over 20
 * ImageRepositories of 1,000 tags each on one real registry, one ImageUpdateAutomation writing all
 * 200 into a real Git repository. Figures: time until every policy chose; registry requests per scan
 * interval (counted in the registry's own access log); time from a tag pushed to the commit that
 * carries it, over several pushes (the scan interval bounds the wait; the rest is Sluice's work).
 *
 * <p>Run: {@code ./mvnw -pl api,events,access,testkit,image-service verify -Dtest=ImageAutomationBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false} (sizes: -Dsluice.bench.repositories, -Dsluice.bench.tags,
 * -Dsluice.bench.policies, -Dsluice.bench.pushes).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ImageAutomationBenchmark {
    private static final int REPOSITORIES = Integer.getInteger("sluice.bench.repositories", 20);
    private static final int TAGS = Integer.getInteger("sluice.bench.tags", 1000);
    private static final int POLICIES = Integer.getInteger("sluice.bench.policies", 200);
    private static final int PUSHES = Integer.getInteger("sluice.bench.pushes", 10);
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final Duration OBSERVED = Duration.ofSeconds(60);
    private static final String NAMESPACE = "bench";
    private static final String AUTOMATION_ID = "image.toolkit.fluxcd.io/ImageUpdateAutomation/bench/fleet";
    private static final String REPOSITORY_ID = "image.toolkit.fluxcd.io/ImageRepository/bench/app-0";

    @Test
    void printFigures() throws Exception {
        assumeTrue(Files.isExecutable(OciRegistry.BINARY), OciRegistry.BINARY + " is missing");
        Path tmp = Files.createTempDirectory("sluice-image-bench-");
        String bootstrap = KafkaBroker.shared().bootstrapServers();
        try (OciRegistry registry = OciRegistry.start(tmp.resolve("registry"));
                GitHttpServer git = GitHttpServer.start(tmp.resolve("git"));
                Publisher publisher = new Publisher(bootstrap);
                TopicView<ImageLatest> latest = new TopicView<>(bootstrap, Topics.IMAGE_POLICIES, ImageLatest.class,
                        (k, v) -> { }).start();
                TopicView<ImageStatus> statuses = new TopicView<>(bootstrap, Topics.IMAGE_STATUS, ImageStatus.class,
                        (k, v) -> { }).start()) {
            long tagging = System.nanoTime();
            List<String> tags = IntStream.range(0, TAGS).mapToObj(i -> "1." + i / 100 + "." + i % 100).toList();
            for (int r = 0; r < REPOSITORIES; r++) {
                List<String> shuffled = new ArrayList<>(tags);
                Collections.shuffle(shuffled);
                registry.tag("bench/app-" + r, shuffled);
            }
            System.out.printf("tagged %d repositories x %d tags in %.1f s%n", REPOSITORIES, TAGS, seconds(tagging));

            StringBuilder markers = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: images\ndata:\n");
            for (int p = 0; p < POLICIES; p++) {
                markers.append("  p").append(p).append(": old # {\"$imagepolicy\": \"bench:p").append(p)
                        .append(":tag\"}\n");
            }
            try (WorkingCopy repo = WorkingCopy.create(tmp.resolve("work"), git.createRepository("fleet"))) {
                repo.write("apps/images.yaml", markers.toString()).commitAndPush("200 marked fields");
            }
            ConfigDocuments.publish(publisher, NAMESPACE, "source.toolkit.fluxcd.io/v1", "GitRepository", "fleet",
                    "interval: 1h\nref: {branch: main}\nurl: " + git.url("fleet") + "\n");
            long cold = System.nanoTime();
            for (int r = 0; r < REPOSITORIES; r++) {
                ConfigDocuments.publish(publisher, NAMESPACE, "image.toolkit.fluxcd.io/v1beta2", "ImageRepository", "app-" + r, """
                        image: %s/bench/app-%d
                        interval: %ds
                        insecure: true
                        """.formatted(registry.address(), r, INTERVAL.toSeconds()));
            }
            for (int p = 0; p < POLICIES; p++) {
                ConfigDocuments.publish(publisher, NAMESPACE, "image.toolkit.fluxcd.io/v1beta2", "ImagePolicy", "p" + p,
                        "imageRepositoryRef: {name: app-" + p % REPOSITORIES + "}\n" + policy(p));
            }
            ConfigDocuments.publish(publisher, NAMESPACE, "image.toolkit.fluxcd.io/v1", "ImageUpdateAutomation", "fleet", """
                    interval: 1h
                    sourceRef: {kind: GitRepository, name: fleet}
                    git:
                      commit:
                        author: {name: Bench Bot, email: bench@example.com}
                      push: {branch: main}
                    update: {path: ./apps}
                    """);
            Deadline.until("every policy chose", Duration.ofMinutes(10), () -> IntStream.range(0, POLICIES)
                    .allMatch(p -> latest.get("image.toolkit.fluxcd.io/ImagePolicy/bench/p" + p) != null));
            double chosen = seconds(cold);
            // Every field is committed once a run after the last choice finds nothing left to change.
            long allChosen = System.nanoTime();
            Instant lastChoice = Instant.now();
            publisher.send(Topics.IMAGE_COMMANDS, AUTOMATION_ID, ImageCommand.reconcile(AUTOMATION_ID, "bench",
                    lastChoice));
            ImageStatus first = Deadline.await("every field committed", Duration.ofMinutes(5), () -> {
                ImageStatus status = statuses.get(AUTOMATION_ID);
                return status != null && status.lastPush() != null && status.time().isAfter(lastChoice)
                        && status.message().startsWith("no updates made") ? status : null;
            }, () -> String.valueOf(statuses.get(AUTOMATION_ID)));
            double committed = seconds(cold) - seconds(allChosen) + Duration.between(lastChoice,
                    first.lastPush().time()).toMillis() / 1000.0;
            int commits = commits(git.url("fleet"), tmp.resolve("count"));

            long scansBefore = registry.requests("/tags/list");
            long windowStart = System.nanoTime();
            Thread.sleep(OBSERVED.toMillis());
            double perInterval = (registry.requests("/tags/list") - scansBefore)
                    / (seconds(windowStart) / INTERVAL.toSeconds());

            List<Double> toCommit = new ArrayList<>();
            List<Double> scanToCommit = new ArrayList<>();
            String lastCommit = first.lastPush().commit();
            Random phase = new Random(42);
            for (int push = 0; push < PUSHES; push++) {
                // Pushed at a random moment of the scan interval, as a CI build would.
                Thread.sleep(phase.nextInt((int) INTERVAL.toMillis()));
                long pushed = System.nanoTime();
                registry.push("bench/app-0", "1.10." + push);
                String before = lastCommit;
                ImageStatus next = Deadline.await("the commit of tag 1.10." + push, Duration.ofMinutes(2), () -> {
                    ImageStatus status = statuses.get(AUTOMATION_ID);
                    return status != null && status.lastPush() != null && !status.lastPush().commit().equals(before)
                            ? status : null;
                }, () -> String.valueOf(statuses.get(AUTOMATION_ID)));
                toCommit.add(seconds(pushed));
                ImageStatus scan = statuses.get(REPOSITORY_ID);
                scanToCommit.add(Duration.between(scan.scan().time(), next.lastPush().time()).toMillis() / 1000.0);
                lastCommit = next.lastPush().commit();
            }
            Collections.sort(toCommit);
            Collections.sort(scanToCommit);

            System.out.println();
            System.out.printf("| %d policies over %d repositories x %d tags, scan interval %d s | figure |%n",
                    POLICIES, REPOSITORIES, TAGS, INTERVAL.toSeconds());
            System.out.println("|---|---|");
            System.out.printf("| cold: configuration published -> every policy chose | %.1f s |%n", chosen);
            System.out.printf("| cold: -> every one of the %d fields committed and pushed | %.1f s (%d commits: choices"
                    + " made within 250 ms of each other share one) |%n", POLICIES, committed, commits - 1);
            System.out.printf("| registry tag listings per interval (%d repositories) | %.1f (%d policies share"
                    + " them) |%n", REPOSITORIES, perInterval, POLICIES);
            System.out.printf("| tag pushed (at a random moment) -> commit pushed, %d pushes | p50 %.2f s, max %.2f s"
                    + " (the scan interval is %d s) |%n", PUSHES, toCommit.get(toCommit.size() / 2),
                    toCommit.get(toCommit.size() - 1), INTERVAL.toSeconds());
            System.out.printf("| of which Sluice's work: scan that found the tag -> commit pushed | p50 %.2f s, max %.2f s"
                    + " (incl. the 250 ms wait that batches choices) |%n", scanToCommit.get(scanToCommit.size() / 2),
                    scanToCommit.get(scanToCommit.size() - 1));
        }
    }

    /** Four kinds of policy in turn: two semver ranges, alphabetical, numerical on an extracted part. */
    private static String policy(int p) {
        return switch (p % 4) {
            case 0 -> "policy: {semver: {range: '1.x'}}\n";
            case 1 -> "policy: {semver: {range: '~1.5'}}\n";
            case 2 -> "policy: {alphabetical: {order: asc}}\n";
            default -> """
                    filterTags: {pattern: '^1\\.(?P<minor>[0-9]+)\\.(?P<patch>[0-9]+)$', extract: '$patch'}
                    policy: {numerical: {order: asc}}
                    """;
        };
    }


    /** How many commits the branch main of {@code url} has. */
    private static int commits(String url, Path folder) throws Exception {
        try (Git clone = Git.cloneRepository().setURI(url).setDirectory(folder.toFile()).call()) {
            int count = 0;
            for (RevCommit ignored : clone.log().call()) {
                count++;
            }
            return count;
        }
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }
}
