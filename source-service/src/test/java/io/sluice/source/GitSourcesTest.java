package io.sluice.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.api.status.Reasons;
import io.sluice.events.Event;
import io.sluice.events.SourceArtifact;
import io.sluice.events.SourceCommand;
import io.sluice.events.Topics;
import io.sluice.events.kafka.DeadLetter;
import io.sluice.events.kafka.DeadLetters;
import io.sluice.testkit.git.GitHttpServer;
import io.sluice.testkit.git.WorkingCopy;
import io.sluice.testkit.kafka.KafkaBroker;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.process.Deadline;
import io.sluice.testkit.process.FreePorts;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(SourceTestFolders.class)
class GitSourcesTest {
    private static Path work;
    private static GitHttpServer gitServer;
    private static TopicClients topics;

    @BeforeAll
    static void start() throws Exception {
        work = Files.createTempDirectory("sluice-git-test-");
        gitServer = GitHttpServer.start(work.resolve("server"));
        topics = new TopicClients();
    }

    @AfterAll
    static void stop() throws Exception {
        topics.close();
        gitServer.close();
    }

    @Test
    void aPushedCommitBecomesAnArtifactServedWithItsDigest() throws Exception {
        WorkingCopy repo = WorkingCopy.create(work.resolve("web"), gitServer.createRepository("web"));
        String first = repo.write("README.md", "# web\n").write("deploy/web.yaml", "replicas: 1\n")
                .commitAndPush("first");
        String id = gitRepository("web", gitServer.url("web"), "1s", Map.of("branch", "main"));

        SourceArtifact artifact = topics.artifacts.await("the first artifact", id,
                a -> a.revision().equals("main@sha1:" + first));
        assertEquals(gitServer.url("web"), artifact.repositoryUrl());
        HttpResponse<byte[]> download = ServiceHttp.get(artifact.url());
        assertEquals(200, download.statusCode());
        assertEquals(artifact.digest(), ArtifactArchive.sha256(download.body()));
        assertEquals(artifact.size(), download.body().length);
        assertEquals("\"" + artifact.digest() + "\"", download.headers().firstValue("ETag").orElse(null));
        assertEquals(Map.of("README.md", "# web\n", "deploy/", "", "deploy/web.yaml", "replicas: 1\n"),
                ArtifactArchive.entries(download.body()));
        assertEquals(List.of("README.md", "deploy/", "deploy/web.yaml"),
                List.copyOf(ArtifactArchive.entries(download.body()).keySet()), "entries are sorted");
        assertEquals(304, ServiceHttp.get(artifact.url(), "If-None-Match", "\"" + artifact.digest() + "\"")
                .statusCode());

        String second = repo.write("deploy/web.yaml", "replicas: 3\n").commitAndPush("scale up");
        SourceArtifact next = topics.artifacts.await("the second artifact", id,
                a -> a.revision().equals("main@sha1:" + second));
        assertEquals("replicas: 3\n", ArtifactArchive.entries(ServiceHttp.get(next.url()).body()).get("deploy/web.yaml"));
        topics.events.await("the NewArtifact event", id, e -> e.reason().equals("NewArtifact")
                && e.message().equals("stored artifact for revision 'main@sha1:" + second + "'"));

        double polls = ServiceHttp.metric("sluice_source_poll_seconds_count", id);
        Deadline.until("two more polls", TopicRecorder.TIMEOUT,
                () -> ServiceHttp.metric("sluice_source_poll_seconds_count", id) >= polls + 2);
        assertEquals(2.0, ServiceHttp.metric("sluice_source_artifacts_total", id), "no new commit, no new artifact");
        assertTrue(ServiceHttp.metric("sluice_source_fetch_bytes_total", id) > 0, "fetched bytes are counted");
        assertEquals(2, topics.artifacts.values(id).size());
        Map<String, Object> status = ServiceHttp.source("flux-system", "web").orElseThrow();
        assertEquals("GitRepository", status.get("kind"));
        assertEquals(gitServer.url("web"), status.get("url"));
        assertEquals("main@sha1:" + second, status.get("revision"));
        assertEquals(true, status.get("ready"));
        assertEquals("stored artifact for revision 'main@sha1:" + second + "'", status.get("message"));
        assertNotNull(status.get("lastPoll"));
    }

    @Test
    void aReconcileCommandPollsAtOnce() throws Exception {
        WorkingCopy repo = WorkingCopy.create(work.resolve("slow"), gitServer.createRepository("slow"));
        String id = hourlyRepository("slow", repo);

        String second = repo.write("app.yaml", "v: 2\n").commitAndPush("second");
        topics.publisher.send(Topics.SOURCE_COMMANDS, id, SourceCommand.reconcile(id, "test", Instant.now()));
        topics.artifacts.await("an artifact long before the 1h interval", id,
                a -> a.revision().equals("main@sha1:" + second));
    }

    @Test
    void aCommandThatDoesNotReadGoesToTheDeadLetterTopicWithItsReasonAndTheNextIsStillHandled() throws Exception {
        WorkingCopy repo = WorkingCopy.create(work.resolve("poisoned"), gitServer.createRepository("poisoned"));
        String id = hourlyRepository("poisoned", repo);

        String second = repo.write("app.yaml", "v: 2\n").commitAndPush("second");
        // Same key, so the same partition: the valid command is read after the poison one.
        topics.publisher.sendRaw(Topics.SOURCE_COMMANDS, id, "{\"schemaVersion\": 1, \"sourceId\": [not json");
        topics.publisher.send(Topics.SOURCE_COMMANDS, id, SourceCommand.reconcile(id, "test", Instant.now()));

        topics.artifacts.await("the artifact of the valid command's poll", id,
                a -> a.revision().equals("main@sha1:" + second));
        DeadLetter dead = Deadline.await("the poison command in " + Topics.SOURCE_COMMANDS + ".dlq", TopicRecorder.TIMEOUT,
                () -> DeadLetters.read(KafkaBroker.shared().bootstrapServers(), Topics.SOURCE_COMMANDS + ".dlq")
                        .stream().filter(letter -> id.equals(letter.key())).findFirst().orElse(null),
                () -> "not there");
        assertEquals(Topics.SOURCE_COMMANDS, dead.topic());
        assertTrue(dead.reason().contains("not a valid SourceCommand"), dead.reason());
        assertTrue(dead.value().contains("[not json"), dead.value());
    }

    @Test
    void followsATagAndABranchOfAFileRepository() throws Exception {
        Path bare = work.resolve("local.git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
        String url = bare.toUri().toString();
        WorkingCopy repo = WorkingCopy.create(work.resolve("local"), url);
        String sha = repo.write("kustomization.yaml", "resources: []\n").commitAndPush("release");
        try (Git git = Git.open(repo.dir().toFile())) {
            git.tag().setName("v1.0.0").setAnnotated(true).setMessage("release").call();
            git.push().setRemote("origin").setPushTags().call();
        }

        String tagId = gitRepository("local-tag", url, "1s", Map.of("tag", "v1.0.0"));
        String branchId = gitRepository("local-main", url, "1s", Map.of());
        SourceArtifact tagged = topics.artifacts.await("the tag's artifact", tagId,
                a -> a.revision().equals("v1.0.0@sha1:" + sha));
        assertTrue(url.startsWith("file:/"), url);
        assertEquals(200, ServiceHttp.get(tagged.url()).statusCode());
        topics.events.await("the default branch is master, as in Flux", branchId,
                e -> e.reason().equals("GitOperationFailed") && e.message().contains("branch 'master' not found"));
    }

    @Test
    void sameTreeSameDigest() throws Exception {
        WorkingCopy one = WorkingCopy.create(work.resolve("one"), gitServer.createRepository("one"));
        WorkingCopy two = WorkingCopy.create(work.resolve("two"), gitServer.createRepository("two"));
        one.write("a/b.yaml", "x: 1\n").write("c.yaml", "y: 2\n").commitAndPush("one");
        two.write("c.yaml", "y: 2\n").commitAndPush("two, first part");
        two.write("a/b.yaml", "x: 1\n").commitAndPush("two, second part");
        String oneId = gitRepository("one", gitServer.url("one"), "1s", Map.of("branch", "main"));
        String twoId = gitRepository("two", gitServer.url("two"), "1s", Map.of("branch", "main"));

        SourceArtifact first = topics.artifacts.await("the artifact of one", oneId, a -> true);
        SourceArtifact second = topics.artifacts.await("the artifact of two", twoId, a -> true);
        assertEquals(first.digest(), second.digest(), "an artifact depends only on the tree");
    }

    @Test
    void refusesASymlinkThatLeavesTheTree() throws Exception {
        WorkingCopy repo = WorkingCopy.create(work.resolve("links"), gitServer.createRepository("links"));
        repo.write("docs/guide.md", "hello\n");
        Files.createSymbolicLink(repo.dir().resolve("guide"), Path.of("docs/guide.md"));
        Files.createSymbolicLink(repo.dir().resolve("docs/escape"), Path.of("../../etc/passwd"));
        repo.commitAndPush("links");
        String id = gitRepository("links", gitServer.url("links"), "1s", Map.of("branch", "main"));

        Event refused = topics.events.await("the refusal", id, e -> e.reason().equals("ArchiveOperationFailed"));
        assertEquals(Event.ERROR, refused.severity());
        assertTrue(refused.message().contains("symlink 'docs/escape' points outside the repository"), refused.message());
        Deadline.until("the source not ready", TopicRecorder.TIMEOUT,
                () -> ServiceHttp.source("flux-system", "links").map(s -> s.get("ready").equals(false)).orElse(false));
        assertTrue(topics.artifacts.values(id).isEmpty());

        String fixed = repo.delete("docs/escape").commitAndPush("no escape");
        SourceArtifact artifact = topics.artifacts.await("the artifact once fixed", id,
                a -> a.revision().equals("main@sha1:" + fixed));
        assertEquals("-> docs/guide.md", ArtifactArchive.entries(ServiceHttp.get(artifact.url()).body()).get("guide"));
    }

    @Test
    void reportsAnUnreachableRepositoryWithoutItsCredentials() {
        String url = "http://sluice:s3cret@127.0.0.1:" + FreePorts.next() + "/git/nowhere.git";
        String id = gitRepository("nowhere", url, "1s", Map.of("branch", "main"));

        Event failure = topics.events.await("the Git failure", id, e -> e.reason().equals("GitOperationFailed"));
        assertEquals(Event.ERROR, failure.severity());
        assertTrue(failure.message().startsWith("http://127.0.0.1:"), failure.message());
        assertFalse(failure.message().contains("s3cret") || failure.message().contains("sluice@"), failure.message());
        Deadline.until("a failure counted", TopicRecorder.TIMEOUT,
                () -> ServiceHttp.metric("sluice_source_poll_failures_total", id) > 0);
        Map<String, Object> status = ServiceHttp.source("flux-system", "nowhere").orElseThrow();
        assertEquals(false, status.get("ready"));
        assertFalse(status.toString().contains("s3cret"), status.toString());
    }

    @Test
    void aDeletedGitRepositoryStopsAndDropsItsArtifact() throws Exception {
        WorkingCopy repo = WorkingCopy.create(work.resolve("brief"), gitServer.createRepository("brief"));
        repo.write("a.yaml", "a: 1\n").commitAndPush("first");
        String id = gitRepository("brief", gitServer.url("brief"), "1s", Map.of("branch", "main"));
        SourceArtifact artifact = topics.artifacts.await("the artifact", id, a -> true);

        topics.publisher.tombstone(Topics.CONFIG, id);
        topics.artifacts.awaitTombstone(id);
        assertTrue(ServiceHttp.source("flux-system", "brief").isEmpty());
        assertEquals(404, ServiceHttp.get(artifact.url()).statusCode());
    }

    @Test
    void saysOnceAtConfigurationTimeWhichFieldsItDoesNotSupportYet() {
        ConfigYaml.writeInConfigFolder("git-sources/partial.yaml", """
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: GitRepository
                metadata:
                  name: partial
                  namespace: flux-system
                spec:
                  url: %s
                  interval: 1h
                  suspend: true
                  verify:
                    mode: HEAD
                  recurseSubmodules: true
                """.formatted(gitServer.url("partial")));
        String id = "source.toolkit.fluxcd.io/GitRepository/flux-system/partial";

        String where = "git-sources/partial.yaml:1 (document 1): GitRepository flux-system/partial: ";
        for (String warning : List.of("spec.verify is not supported by Sluice yet, ignored: commit signatures are not"
                + " verified", "spec.recurseSubmodules is not supported by Sluice yet, ignored: submodules are not"
                + " checked out")) {
            Event event = topics.events.await(warning, id, e -> e.message().equals(where + warning));
            assertEquals(Reasons.UNSUPPORTED_FIELDS, event.reason());
            assertEquals(Event.INFO, event.severity());
        }
        Map<String, Object> status = Deadline.await("the source listed", TopicRecorder.TIMEOUT,
                () -> ServiceHttp.source("flux-system", "partial").orElse(null), () -> "not listed");
        assertEquals(true, status.get("suspended"));
        assertEquals(null, status.get("lastPoll"), "a suspended source is not polled");
        assertEquals(2, topics.events.values(id).stream().filter(e -> e.reason().equals(Reasons.UNSUPPORTED_FIELDS))
                .count(), "each warning once, whatever the rescans and polls");
    }

    @Test
    void servesOnlyWellFormedArtifactNames() {
        String base = ServiceHttp.base() + "/artifacts/";
        assertEquals(400, ServiceHttp.get(base + "abc.tar.gz").statusCode());
        assertEquals(400, ServiceHttp.get(base + "..%2F..%2Fetc%2Fpasswd").statusCode());
        assertEquals(404, ServiceHttp.get(base + "0".repeat(64) + ".tar.gz").statusCode());
        int traversal = ServiceHttp.get(base + "../../etc/passwd").statusCode();
        assertTrue(traversal == 400 || traversal == 404, "status " + traversal);
    }

    @Test
    void isReadyOnceCaughtUp() {
        HttpResponse<byte[]> ready = ServiceHttp.get(ServiceHttp.base() + "/q/health/ready");
        assertEquals(200, ready.statusCode(), new String(ready.body()));
        assertTrue(new String(ready.body()).contains("sluice-source-topics"));
    }

    /** Publishes a GitRepository as another producer would (not from the config folders); returns its id. */
    /**
     * Gives {@code repo} a first commit and a GitRepository polled hourly (so only commands poll it
     * again), and waits for its first artifact; returns the source id.
     */
    private static String hourlyRepository(String name, WorkingCopy repo) throws Exception {
        repo.write("app.yaml", "v: 1\n").commitAndPush("first");
        String id = gitRepository(name, gitServer.url(name), "1h", Map.of("branch", "main"));
        topics.artifacts.await("the artifact of the first poll", id, a -> true);
        return id;
    }

    private static String gitRepository(String name, String url, String interval, Map<String, Object> ref) {
        return gitRepository(name, ref.isEmpty() ? Map.of("url", url, "interval", interval)
                : Map.of("url", url, "interval", interval, "ref", ref));
    }

    private static String gitRepository(String name, Map<String, Object> spec) {
        return GitRepositoryDocuments.publish(topics.publisher, name, spec);
    }
}
