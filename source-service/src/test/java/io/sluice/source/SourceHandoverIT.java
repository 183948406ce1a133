package io.sluice.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.events.SourceArtifact;
import io.sluice.events.SourceCommand;
import io.sluice.events.Topics;
import io.sluice.events.kafka.PartitionShare;
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
 * exactly once, by the instance that owns the source at the time.
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
            Map<String, WorkingCopy> repos = new LinkedHashMap<>();
            for (String name : namesCoveringEveryPartition()) {
                WorkingCopy repo = WorkingCopy.create(work.resolve("repos").resolve(name), git.createRepository(name));
                repo.write("app.yaml", "version: 1\n").commitAndPush("version 1");
                // A long interval: polls happen when an instance takes a source over, or on a command.
                repos.put(GitRepositoryDocuments.publish(topics.publisher, name, Map.of("url", git.url(name),
                        "interval", "1h", "ref", Map.of("branch", "main"))), repo);
            }

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
            }
        }
    }

    /** Names whose GitRepository ids fall {@value #PER_PARTITION} in each partition. */
    private static List<String> namesCoveringEveryPartition() {
        Map<Integer, Integer> count = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; names.size() < PER_PARTITION * PARTITIONS; i++) {
            String name = "app-" + i;
            int partition = PartitionShare.partitionOf("source.toolkit.fluxcd.io/GitRepository/"
                    + GitRepositoryDocuments.NAMESPACE + "/" + name, PARTITIONS);
            if (count.merge(partition, 1, Integer::sum) <= PER_PARTITION) {
                names.add(name);
            }
        }
        return names;
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
