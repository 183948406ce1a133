package io.sluice.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.events.Event;
import io.sluice.events.SourceArtifact;
import io.sluice.testkit.git.GitHttpServer;
import io.sluice.testkit.git.WorkingCopy;
import io.sluice.testkit.kafka.KafkaTestResource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand.ResetType;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a GitRepository follows (semver ranges over tags, full ref names, pinned commits), what it
 * leaves out of its artifact (spec.ignore, .sourceignore, Flux's defaults), and the bad input that
 * must give a clear event: a missing branch, a range no tag matches, a repository over the size
 * cap, a path with "..", a server that never answers within spec.timeout.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(SourceTestFolders.class)
class GitReferencesTest {
    private static Path work;
    private static GitHttpServer gitServer;
    private static TopicClients topics;
    private static final List<Socket> silentConnections = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        work = Files.createTempDirectory("sluice-refs-test-");
        gitServer = GitHttpServer.start(work.resolve("server"));
        topics = new TopicClients();
    }

    @AfterAll
    static void stop() throws Exception {
        for (Socket socket : silentConnections) {
            socket.close();
        }
        topics.close();
        gitServer.close();
    }

    @Test
    void semverFollowsTheHighestMatchingTag() throws Exception {
        WorkingCopy repo = WorkingCopy.create(work.resolve("releases"), gitServer.createRepository("releases"));
        Map<String, String> shas = new HashMap<>();
        for (String tag : List.of("v1.0.0", "v1.2.0", "v1.3.0-rc.1", "v2.0.0", "latest")) {
            shas.put(tag, repo.write("version.txt", tag + "\n").commitAndPush(tag));
            tag(repo, tag);
        }
        String url = gitServer.url("releases");
        String oneX = source("semver-1x", Map.of("url", url, "interval", "1s", "ref", Map.of("semver", ">=1.0.0 <2.0.0")));
        String patch = source("semver-tilde", Map.of("url", url, "interval", "1s", "ref", Map.of("semver", "~1.0")));
        String pre = source("semver-pre", Map.of("url", url, "interval", "1s",
                "ref", Map.of("semver", ">=1.3.0-rc.0 <2.0.0", "tag", "v2.0.0", "branch", "main")));
        String none = source("semver-none", Map.of("url", url, "interval", "1s", "ref", Map.of("semver", "3.x")));

        topics.artifacts.await("v1.2.0 for >=1.0.0 <2.0.0", oneX, a -> a.revision().equals("v1.2.0@sha1:" + shas.get("v1.2.0")));
        topics.artifacts.await("v1.0.0 for ~1.0", patch, a -> a.revision().equals("v1.0.0@sha1:" + shas.get("v1.0.0")));
        topics.artifacts.await("the pre-release its range names, semver over tag and branch", pre,
                a -> a.revision().equals("v1.3.0-rc.1@sha1:" + shas.get("v1.3.0-rc.1")));
        Event noMatch = topics.events.await("no matching tag", none, e -> e.reason().equals("GitOperationFailed"));
        assertEquals(url + ": no tag matches semver range '3.x' (tags: latest, v1.0.0, v1.2.0, v1.3.0-rc.1, v2.0.0)",
                noMatch.message());

        String newer = repo.write("version.txt", "1.4.0\n").commitAndPush("1.4.0");
        tag(repo, "1.4.0");
        topics.artifacts.await("the new highest tag", oneX, a -> a.revision().equals("1.4.0@sha1:" + newer));
    }

    @Test
    void aNamedRefAPinnedCommitAndAMissingBranch() throws Exception {
        WorkingCopy repo = WorkingCopy.create(work.resolve("refs"), gitServer.createRepository("refs"));
        String pinned = repo.write("app.yaml", "v: 1\n").commitAndPush("first");
        repo.write("app.yaml", "v: 2\n").commitAndPush("second");
        String pull = repo.write("app.yaml", "v: pr\n").commitAndPush("pull request");
        try (Git git = Git.open(repo.dir().toFile())) {
            git.push().setRemote("origin").setRefSpecs(new RefSpec("HEAD:refs/pull/1/head")).call();
            git.reset().setMode(ResetType.HARD).setRef("HEAD~1").call();
        }
        repo.write("app.yaml", "v: 3\n").commitAndPush("third, main moves on without the pull request");
        String url = gitServer.url("refs");

        String byName = source("by-name", Map.of("url", url, "interval", "1s",
                "ref", Map.of("name", "refs/pull/1/head", "tag", "ignored", "branch", "main")));
        String byCommit = source("by-commit", Map.of("url", url, "interval", "1s",
                "ref", Map.of("commit", pinned, "branch", "main", "name", "refs/heads/nope")));
        String missing = source("missing-branch", Map.of("url", url, "interval", "1s", "ref", Map.of("branch", "nope")));

        SourceArtifact named = topics.artifacts.await("the pull request's head", byName,
                a -> a.revision().equals("refs/pull/1/head@sha1:" + pull));
        assertEquals("v: pr\n", ArtifactArchive.entries(ServiceHttp.get(named.url()).body()).get("app.yaml"));
        SourceArtifact fixed = topics.artifacts.await("the pinned commit", byCommit,
                a -> a.revision().equals("main@sha1:" + pinned));
        assertEquals("v: 1\n", ArtifactArchive.entries(ServiceHttp.get(fixed.url()).body()).get("app.yaml"));
        Event notFound = topics.events.await("the missing branch", missing, e -> e.reason().equals("GitOperationFailed"));
        assertEquals(url + ": branch 'nope' not found", notFound.message());
    }

    @Test
    void defaultExclusionsSpecIgnoreAndSourceignoreFiles() throws Exception {
        WorkingCopy plain = WorkingCopy.create(work.resolve("plain"), gitServer.createRepository("plain"));
        plain.write(".github/workflows/ci.yml", "on: push\n").write("logo.png", "png").write("docs/guide.md", "hi\n")
                .write("deploy/app.yaml", "kind: Deployment\n").write("deploy/.sops.yaml", "creation_rules: []\n")
                .commitAndPush("a repository with CI files and images");
        String url = gitServer.url("plain");
        String defaults = source("ignore-defaults", Map.of("url", url, "interval", "1s", "ref", Map.of("branch", "main")));
        SourceArtifact byDefault = topics.artifacts.await("the artifact with default exclusions", defaults, a -> true);
        assertEquals(List.of("deploy/", "deploy/app.yaml", "docs/", "docs/guide.md"), entries(byDefault));

        source("ignore-defaults", Map.of("url", url, "interval", "1s", "ref", Map.of("branch", "main"),
                "ignore", "# only the docs\ndocs/\n"));
        SourceArtifact rebuilt = topics.artifacts.await("the same commit rebuilt with spec.ignore", defaults,
                a -> !a.digest().equals(byDefault.digest()));
        assertEquals(byDefault.revision(), rebuilt.revision());
        assertEquals(List.of(".github/", ".github/workflows/", ".github/workflows/ci.yml", "deploy/", "deploy/.sops.yaml",
                "deploy/app.yaml", "logo.png"), entries(rebuilt), "spec.ignore overrides the default exclusions");

        WorkingCopy nested = WorkingCopy.create(work.resolve("nested"), gitServer.createRepository("nested"));
        nested.write(".sourceignore", "/*\n!/deploy\n").write("README.md", "# nested\n")
                .write("deploy/.sourceignore", "*.txt\n").write("deploy/app.yaml", "kind: Service\n")
                .write("deploy/notes.txt", "notes\n").write("deploy/logo.png", "png").commitAndPush("ignore files");
        String files = source("ignore-files", Map.of("url", gitServer.url("nested"), "interval", "1s",
                "ref", Map.of("branch", "main")));
        String overruled = source("ignore-overruled", Map.of("url", gitServer.url("nested"), "interval", "1s",
                "ref", Map.of("branch", "main"), "ignore", "!/deploy/notes.txt\n"));
        assertEquals(List.of("deploy/", "deploy/.sourceignore", "deploy/app.yaml", "deploy/logo.png"),
                entries(topics.artifacts.await("the artifact with .sourceignore files", files, a -> true)),
                "a .sourceignore rule turns the default exclusions (*.png) off");
        assertEquals(List.of("deploy/", "deploy/.sourceignore", "deploy/app.yaml", "deploy/logo.png", "deploy/notes.txt"),
                entries(topics.artifacts.await("the artifact with spec.ignore over the files", overruled, a -> true)));
    }

    @Test
    void aRepositoryOverTheSizeCapIsRefusedUntilItShrinks() throws Exception {
        WorkingCopy repo = WorkingCopy.create(work.resolve("big"), gitServer.createRepository("big"));
        byte[] noise = new byte[1_500_000];
        new Random(42).nextBytes(noise);
        Files.createDirectories(repo.dir().resolve("data"));
        Files.write(repo.dir().resolve("data/blob.bin"), noise);
        repo.write("app.yaml", "v: 1\n").commitAndPush("too big");
        String id = source("big", Map.of("url", gitServer.url("big"), "interval", "1s", "ref", Map.of("branch", "main")));

        Event refused = topics.events.await("the refusal", id, e -> e.reason().equals("ArtifactTooLarge"));
        assertEquals(Event.ERROR, refused.severity());
        assertTrue(refused.message().matches("GitRepository flux-system/big \\(" + gitServer.url("big").replace(".", "\\.")
                + "\\): the artifact is 15\\d{5} bytes, over the limit of 1048576 bytes"
                + " \\(sluice.source.max-artifact-size\\): refused"), refused.message());
        assertTrue(topics.artifacts.values(id).isEmpty());

        String small = repo.delete("data/blob.bin").commitAndPush("smaller");
        topics.artifacts.await("the artifact once small enough", id, a -> a.revision().equals("main@sha1:" + small));
    }

    @Test
    void aPathWithDotDotIsRefused() throws Exception {
        gitServer.createRepository("dotdot");
        String sha;
        try (Repository bare = Git.open(work.resolve("server/dotdot.git").toFile()).getRepository();
                ObjectInserter inserter = bare.newObjectInserter()) {
            TreeFormatter escape = new TreeFormatter();
            escape.append("evil.yaml", FileMode.REGULAR_FILE, inserter.insert(Constants.OBJ_BLOB,
                    "kind: Secret\n".getBytes(StandardCharsets.UTF_8)));
            TreeFormatter root = new TreeFormatter();
            root.append("..", FileMode.TREE, inserter.insert(escape));
            root.append("app.yaml", FileMode.REGULAR_FILE, inserter.insert(Constants.OBJ_BLOB, new byte[] {'x'}));
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(inserter.insert(root));
            PersonIdent someone = new PersonIdent("Mallory", "mallory@example.com");
            commit.setAuthor(someone);
            commit.setCommitter(someone);
            commit.setMessage("a tree no git would write");
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = bare.updateRef("refs/heads/main");
            update.setNewObjectId(id);
            update.forceUpdate();
            sha = id.name();
        }
        String id = source("dotdot", Map.of("url", gitServer.url("dotdot"), "interval", "1s", "ref", Map.of("branch", "main")));

        Event refused = topics.events.await("the refusal", id, e -> e.reason().equals("ArchiveOperationFailed"));
        assertEquals(gitServer.url("dotdot") + ": path '..' has a '..' component, which could write outside the folder"
                + " the artifact is unpacked in: refused", refused.message());
        assertTrue(topics.artifacts.values(id).isEmpty(), "nothing published for " + sha);
    }

    @Test
    void aServerThatNeverAnswersTimesOutAtSpecTimeout() throws Exception {
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!silent.isClosed()) {
                try {
                    silentConnections.add(silent.accept());
                } catch (IOException e) {
                    return;
                }
            }
        }, "silent-server");
        acceptor.setDaemon(true);
        acceptor.start();
        String url = "http://127.0.0.1:" + silent.getLocalPort() + "/git/silent.git";
        long start = System.nanoTime();
        String id = source("silent", Map.of("url", url, "interval", "1h", "timeout", "2s", "ref", Map.of("branch", "main")));

        Event timedOut = topics.events.await("the timeout", id, e -> e.reason().equals("GitOperationFailed"));
        assertTrue(timedOut.message().startsWith(url + ": ls-remote failed: ") && timedOut.message().contains("timed out"),
                timedOut.message());
        assertTrue((System.nanoTime() - start) / 1_000_000_000 < 30, "the 2s timeout, not the 60s default");
        silent.close();
    }

    @Test
    void specTimeoutMustBeADuration() {
        String id = source("bad-timeout", Map.of("url", gitServer.url("x"), "interval", "1m", "timeout", "soon"));
        Event invalid = topics.events.await("the invalid field", id, e -> e.reason().equals("ConfigInvalid"));
        assertTrue(invalid.message().contains("spec.timeout"), invalid.message());
        assertEquals(false, ServiceHttp.source("flux-system", "bad-timeout").orElseThrow().get("ready"));
    }

    private static String source(String name, Map<String, Object> spec) {
        return GitRepositoryDocuments.publish(topics.publisher, name, spec);
    }

    private static List<String> entries(SourceArtifact artifact) {
        return List.copyOf(ArtifactArchive.entries(ServiceHttp.get(artifact.url()).body()).keySet());
    }

    private static void tag(WorkingCopy repo, String name) throws Exception {
        try (Git git = Git.open(repo.dir().toFile())) {
            git.tag().setName(name).setAnnotated(true).setMessage(name).call();
            git.push().setRemote("origin").setRefSpecs(new RefSpec("refs/tags/" + name + ":refs/tags/" + name)).call();
        }
    }
}
