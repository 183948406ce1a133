package io.sluice.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.events.SourceArtifact;
import io.sluice.events.SourceCommand;
import io.sluice.events.Topics;
import io.sluice.events.kafka.TopicAdmin;
import io.sluice.events.kafka.TopicSettings;
import io.sluice.testkit.git.GitHttpServer;
import io.sluice.testkit.git.WorkingCopy;
import io.sluice.testkit.kafka.KafkaBroker;
import io.sluice.testkit.process.Deadline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Two source-service instances, each a process started from the packaged application, share twelve
 * GitRepositories (one in each partition) through the group source-service-owners: a second
 * instance joining takes some sources over without republishing them, reconcile-now commands reach
 * the owner, and an instance stopping hands its sources to the other; every revision is published
 * exactly once, by the instance that owns the source at the time. An instance killed (SIGKILL) while
 * commands for its sources wait loses no commit: the other takes its partitions over once its session
 * times out.
 */
class SourceHandoverIT {
    private static final int PER_PARTITION = 1;
    /** The test broker's topics are created with the defaults. */
    private static final int PARTITIONS = TopicSettings.DEFAULT_PARTITIONS;

    @Test
    void aRebalanceHandsSourcesOverWithoutLosingOrRepeatingARevision() throws Exception {
        Path work = Files.createTempDirectory("sluice-handover-");
        TopicAdmin.ensureTopics(KafkaBroker.shared().bootstrapServers());
        try (GitHttpServer git = GitHttpServer.start(work.resolve("server")); TopicClients topics = new TopicClients()) {
            Map<String, WorkingCopy> repos = repositories("app", work, git, topics);
            SourceServiceProcess a = SourceServiceProcess.start("source-a", work, List.of());
            SourceServiceProcess b = null;
            try {
                Map<String, List<String>> revisions = new LinkedHashMap<>();
                for (String id : repos.keySet()) {
                    revisions.put(id, new ArrayList<>(List.of(topics.artifacts.await("the first artifact", id,
                            artifact -> true).revision())));
                }
                assertEquals(PARTITIONS, a.metric("sluice_source_owned_partitions", ""));

                // B joins: it takes some sources over, finds their revision published and publishes nothing.
                b = SourceServiceProcess.start("source-b", work, List.of());
                SourceServiceProcess second = b;
                Deadline.until("both instances owning partitions", TopicRecorder.TIMEOUT,
                        () -> second.metric("sluice_source_owned_partitions", "") > 0
                                && a.metric("sluice_source_owned_partitions", "") > 0);
                assertEquals(PARTITIONS, a.metric("sluice_source_owned_partitions", "")
                        + b.metric("sluice_source_owned_partitions", ""));
                Set<String> onB = Set.copyOf(b.polledSources());
                assertTrue(!onB.isEmpty() && onB.size() < repos.size(), "B polls some sources: " + onB);
                assertEquals(repos.keySet(), union(a.polledSources(), b.polledSources()),
                        "every source is polled by one instance");
                reconcileAndAwaitPolls(topics, repos.keySet(), a, b);
                assertPublished(topics, revisions, "after B joined");

                // New commits: each owner publishes each new revision once, served from the owner.
                for (Map.Entry<String, WorkingCopy> repo : repos.entrySet()) {
                    String sha = repo.getValue().write("app.yaml", "version: 2\n").commitAndPush("version 2");
                    revisions.get(repo.getKey()).add("main@sha1:" + sha);
                }
                reconcile(topics, repos.keySet());
                for (String id : repos.keySet()) {
                    SourceArtifact artifact = topics.artifacts.await("version 2", id,
                            x -> x.revision().equals(last(revisions.get(id))));
                    SourceServiceProcess owner = onB.contains(id) ? b : a;
                    assertTrue(artifact.url().startsWith(owner.base()), id + " published by its owner: " + artifact);
                    assertEquals(artifact.digest(), ArtifactArchive.sha256(ServiceHttp.get(artifact.url()).body()));
                }
                reconcileAndAwaitPolls(topics, repos.keySet(), a, b);
                assertPublished(topics, revisions, "after version 2");

                // A stops: B takes its sources over. A's artifacts are no longer served, so B publishes
                // the same revisions (same digests) from itself: consumers can fetch them again.
                Map<String, SourceArtifact> before = latest(topics, repos.keySet());
                a.close();
                Deadline.until("B owning every partition", TopicRecorder.TIMEOUT,
                        () -> second.metric("sluice_source_owned_partitions", "") == PARTITIONS);
                for (String id : repos.keySet()) {
                    if (!onB.contains(id)) {
                        SourceArtifact moved = topics.artifacts.await("A's artifact served by B", id,
                                x -> x.url().startsWith(second.base()));
                        assertEquals(before.get(id).revision(), moved.revision());
                        assertEquals(before.get(id).digest(), moved.digest());
                        revisions.get(id).add(moved.revision());
                    }
                }
                for (Map.Entry<String, WorkingCopy> repo : repos.entrySet()) {
                    String sha = repo.getValue().write("app.yaml", "version: 3\n").commitAndPush("version 3");
                    revisions.get(repo.getKey()).add("main@sha1:" + sha);
                }
                reconcile(topics, repos.keySet());
                for (String id : repos.keySet()) {
                    topics.artifacts.await("version 3", id, x -> x.revision().equals(last(revisions.get(id))));
                }
                reconcileAndAwaitPolls(topics, repos.keySet(), b);
                assertPublished(topics, revisions, "after A stopped");
            } finally {
                a.close();
                if (b != null) {
                    b.close();
                }
                forget(topics, repos.keySet());
            }
        }
    }

    @Test
    void anInstanceKilledMidStreamLosesNoCommit() throws Exception {
        Path work = Files.createTempDirectory("sluice-failover-");
        try (GitHttpServer git = GitHttpServer.start(work.resolve("server")); TopicClients topics = new TopicClients()) {
            Map<String, WorkingCopy> repos = repositories("failover", work, git, topics);
            List<String> quickFailover = List.of("-Dsluice.source.owners.session-timeout=6s");
            SourceServiceProcess a = SourceServiceProcess.start("failover-a", work, quickFailover);
            SourceServiceProcess b = SourceServiceProcess.start("failover-b", work, quickFailover);
            try {
                Deadline.until("both instances owning partitions", TopicRecorder.TIMEOUT,
                        () -> a.metric("sluice_source_owned_partitions", "") > 0
                                && b.metric("sluice_source_owned_partitions", "") > 0
                                && a.metric("sluice_source_owned_partitions", "")
                                        + b.metric("sluice_source_owned_partitions", "") == PARTITIONS);
                Set<String> onB = Set.copyOf(b.polledSources());
                assertEquals(repos.keySet(), union(a.polledSources(), b.polledSources()),
                        "every source is polled by one instance");

                // Each round pushes a commit to every repository and asks for a reconcile, as webhooks would.
                // Before the kill, each instance publishes the commits of its own sources, once each.
                Map<String, String> round = pushAndReconcile(topics, repos, "version 2");
                Map<String, Integer> byInstance = new LinkedHashMap<>(Map.of(a.base(), 0, b.base(), 0));
                for (Map.Entry<String, String> pushed : round.entrySet()) {
                    SourceArtifact artifact = awaitRevision(topics, pushed.getKey(), pushed.getValue());
                    SourceServiceProcess owner = onB.contains(pushed.getKey()) ? b : a;
                    assertTrue(artifact.url().startsWith(owner.base()), pushed.getKey() + " by its owner: " + artifact);
                    byInstance.merge(owner.base(), 1, Integer::sum);
                }
                assertEquals(Map.of(a.base(), repos.size() - onB.size(), b.base(), onB.size()), byInstance);
                reconcileAndAwaitPolls(topics, repos.keySet(), a, b);
                for (Map.Entry<String, String> pushed : round.entrySet()) {
                    assertEquals(1, published(topics, pushed.getKey(), pushed.getValue()).size(),
                            pushed.getKey() + ": published once");
                }

                // B dies while its sources' commands of the next round wait: A takes its partitions over
                // once B's session times out, and publishes those commits, and every later one.
                round = pushAndReconcile(topics, repos, "version 3");
                b.kill();
                for (Map.Entry<String, String> pushed : round.entrySet()) {
                    awaitRevision(topics, pushed.getKey(), pushed.getValue());
                }
                Deadline.until("A owning every partition", TopicRecorder.TIMEOUT,
                        () -> a.metric("sluice_source_owned_partitions", "") == PARTITIONS);
                for (String version : List.of("version 4", "version 5")) {
                    round = pushAndReconcile(topics, repos, version);
                    for (Map.Entry<String, String> pushed : round.entrySet()) {
                        SourceArtifact artifact = awaitRevision(topics, pushed.getKey(), pushed.getValue());
                        assertTrue(artifact.url().startsWith(a.base()), pushed.getKey() + " by A: " + artifact);
                        assertEquals(artifact.digest(), ArtifactArchive.sha256(ServiceHttp.get(artifact.url()).body()));
                    }
                }
                reconcileAndAwaitPolls(topics, repos.keySet(), a);
                for (Map.Entry<String, String> pushed : round.entrySet()) {
                    assertEquals(1, published(topics, pushed.getKey(), pushed.getValue()).size(),
                            pushed.getKey() + ": published once");
                }
            } finally {
                a.close();
                b.close();
                forget(topics, repos.keySet());
            }
        }
    }

    /**
     * One repository per partition, {@code prefix-N}, with a first commit, and its GitRepository on
     * sluice.config; by id.
     */
    private static Map<String, WorkingCopy> repositories(String prefix, Path work, GitHttpServer git,
            TopicClients topics) throws Exception {
        Map<String, WorkingCopy> repos = new LinkedHashMap<>();
        for (String name : GitRepositoryDocuments.namesCoveringEveryPartition(prefix, PER_PARTITION)) {
            WorkingCopy repo = WorkingCopy.create(work.resolve("repos").resolve(name), git.createRepository(name));
            repo.write("app.yaml", "version: 1\n").commitAndPush("version 1");
            // A long interval: polls happen when an instance takes a source over, or on a command.
            repos.put(GitRepositoryDocuments.publish(topics.publisher, name, Map.of("url", git.url(name),
                    "interval", "1h", "ref", Map.of("branch", "main"))), repo);
        }
        return repos;
    }

    /** Pushes {@code version} to every repository and asks for a reconcile of each; the revisions pushed, by id. */
    private static Map<String, String> pushAndReconcile(TopicClients topics, Map<String, WorkingCopy> repos,
            String version) throws Exception {
        Map<String, String> pushed = new LinkedHashMap<>();
        for (Map.Entry<String, WorkingCopy> repo : repos.entrySet()) {
            String sha = repo.getValue().write("app.yaml", version + "\n").commitAndPush(version);
            pushed.put(repo.getKey(), "main@sha1:" + sha);
        }
        reconcile(topics, repos.keySet());
        return pushed;
    }

    private static SourceArtifact awaitRevision(TopicClients topics, String id, String revision) {
        return topics.artifacts.await(revision, id, artifact -> artifact.revision().equals(revision));
    }

    private static List<SourceArtifact> published(TopicClients topics, String id, String revision) {
        return topics.artifacts.values(id).stream().filter(artifact -> artifact.revision().equals(revision)).toList();
    }

    /** The sources leave sluice.config, so that the instances of later tests do not poll them. */
    private static void forget(TopicClients topics, Set<String> ids) {
        ids.forEach(id -> topics.publisher.tombstone(Topics.CONFIG, id));
    }

    private static void reconcile(TopicClients topics, Set<String> ids) {
        for (String id : ids) {
            topics.publisher.send(Topics.SOURCE_COMMANDS, id, SourceCommand.reconcile(id, "test", Instant.now()));
        }
    }

    /** Sends a reconcile-now command for every source and waits until its owner has polled it. */
    private static void reconcileAndAwaitPolls(TopicClients topics, Set<String> ids, SourceServiceProcess... instances) {
        Map<String, Double> polls = new LinkedHashMap<>();
        for (String id : ids) {
            polls.put(id, polls(id, instances));
        }
        reconcile(topics, ids);
        for (String id : ids) {
            Deadline.until("a poll of " + id + " on a reconcile command", TopicRecorder.TIMEOUT,
                    () -> polls(id, instances) > polls.get(id));
        }
    }

    private static double polls(String id, SourceServiceProcess... instances) {
        double total = 0;
        for (SourceServiceProcess instance : instances) {
            total += instance.metric("sluice_source_poll_seconds_count", "source=\"" + id + "\"");
        }
        return total;
    }

    private static void assertPublished(TopicClients topics, Map<String, List<String>> revisions, String when) {
        for (Map.Entry<String, List<String>> expected : revisions.entrySet()) {
            assertEquals(expected.getValue(), topics.artifacts.values(expected.getKey()).stream()
                    .map(SourceArtifact::revision).toList(), expected.getKey() + ": the revisions published " + when);
        }
    }

    private static Map<String, SourceArtifact> latest(TopicClients topics, Set<String> ids) {
        Map<String, SourceArtifact> latest = new LinkedHashMap<>();
        for (String id : ids) {
            List<SourceArtifact> values = topics.artifacts.values(id);
            latest.put(id, values.get(values.size() - 1));
        }
        return latest;
    }

    private static Set<String> union(List<String> first, List<String> second) {
        Set<String> all = new HashSet<>(first);
        all.addAll(second);
        assertEquals(first.size() + second.size(), all.size(), "no source is polled by both: " + first + " " + second);
        return all;
    }

    private static String last(List<String> values) {
        return values.get(values.size() - 1);
    }
}
