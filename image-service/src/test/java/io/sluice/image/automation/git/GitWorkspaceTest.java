package io.sluice.image.automation.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.access.git.GitAccess;
import io.sluice.access.git.GitCredentials;
import io.sluice.access.secrets.SecretsLookup;
import io.sluice.api.Metadata;
import io.sluice.api.image.GitUpdate;
import io.sluice.api.meta.LocalReference;
import io.sluice.api.source.GitRepository;
import io.sluice.api.source.GitRepositoryRef;
import io.sluice.testkit.git.AuthGitHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An automation's checkout, commit and push against a real smart-HTTP Git server that wants basic
 * auth or a bearer token, as a private Git host does. The scenarios follow Flux's
 * {@code TestSourceManager_CommitAndPush} and {@code Test_pushBranchUpdateScenarios}
 * (fluxcd/image-automation-controller, internal/source/source_test.go, at d36e2ea): push to the
 * checked-out branch, to another branch (created, then built on), to a refspec, from a tag, and no
 * change to push; plus a push the remote rejects, and the run after it.
 */
class GitWorkspaceTest {
    static final String USERNAME = "image-bot";
    static final String PASSWORD = "Pa55-push-6d1f0c2b";
    static final String TOKEN = "tok-push-8e77a1c3d0";
    static final String DEPLOY = "apps/deploy.yaml";
    static final String ORIGINAL = "spec:\n  image: app:1.0 # {\"$imagepolicy\": \"apps:app\"}\n";
    static final String UPDATED = "spec:\n  image: app:1.1 # {\"$imagepolicy\": \"apps:app\"}\n";
    static final Instant WHEN = Instant.parse("2026-03-01T10:15:30Z");

    @TempDir
    static Path work;
    private static AuthGitHttpServer server;
    private static GitCredentials credentials;
    private static int repositories;

    @BeforeAll
    static void start() throws Exception {
        server = AuthGitHttpServer.start(work.resolve("http"), USERNAME, PASSWORD, TOKEN);
        writeSecret(work, "basic", Map.of("username", USERNAME, "password", PASSWORD));
        writeSecret(work, "token", Map.of("bearerToken", TOKEN));
        writeSecret(work, "wrong", Map.of("username", USERNAME, "password", "not-" + PASSWORD));
        credentials = new GitCredentials(new SecretsLookup(Optional.of(work.resolve("secrets").toString())),
                work.resolve("ssh-home"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void basicAuthCommitsTheChangedFileToTheCheckedOutBranch() throws Exception {
        Remote remote = seeded(Map.of(DEPLOY, ORIGINAL, "README.md", "app\n"));
        GitRepository repository = remote.onMain("basic");
        Path folder = work.resolve("ws-basic");
        try (Run run = run(folder, repository, update(null, null, null))) {
            GitWorkspace workspace = run.workspace();
            Checkout checkout = workspace.checkout();
            assertEquals(new Checkout(folder, remote.seed(), remote.seed(), "main"), checkout);
            assertEquals(ORIGINAL, Files.readString(folder.resolve(DEPLOY)));
            Files.writeString(folder.resolve(DEPLOY), UPDATED);

            PushedCommit pushed = workspace.commitAndPush("Update app to 1.1", WHEN).orElseThrow();
            assertEquals(new PushedCommit(remote.bare.branch("main"), "main", null, List.of(DEPLOY)), pushed);
            RevCommit commit = remote.bare.commit(pushed.commit());
            assertEquals("Update app to 1.1", commit.getFullMessage());
            assertEquals("Fluxbot <flux@example.com>", commit.getAuthorIdent().getName() + " <"
                    + commit.getAuthorIdent().getEmailAddress() + ">");
            assertEquals(WHEN, commit.getAuthorIdent().getWhenAsInstant());
            assertEquals(commit.getAuthorIdent(), commit.getCommitterIdent());
            assertEquals(remote.seed(), commit.getParent(0).name());
            assertEquals(UPDATED, remote.bare.file("main", DEPLOY));
            assertEquals("app\n", remote.bare.file("main", "README.md"));

            // the next run reuses the clone: the same state, nothing to commit
            assertEquals(pushed.commit(), workspace.checkout().commit());
            assertEquals(Optional.empty(), workspace.commitAndPush("nothing", WHEN));
            assertEquals(pushed.commit(), remote.bare.branch("main"));
        }
    }

    @Test
    void bearerTokenPushesToANewBranchThenBuildsOnIt() throws Exception {
        Remote remote = seeded(Map.of(DEPLOY, ORIGINAL));
        GitRepository repository = remote.onMain("token");
        Path folder = work.resolve("ws-token");
        GitUpdate update = update(null, "image-updates", "refs/heads/image-updates:refs/heads/smth/else");
        String first;
        try (Run run = run(folder, repository, update)) {
            GitWorkspace workspace = run.workspace();
            assertEquals(new Checkout(folder, remote.seed(), remote.seed(), "image-updates"),
                    workspace.checkout());
            Files.writeString(folder.resolve(DEPLOY), UPDATED);
            PushedCommit pushed = workspace.commitAndPush("to a branch", WHEN).orElseThrow();
            first = pushed.commit();
            assertEquals(new PushedCommit(first, "image-updates", "refs/heads/image-updates:refs/heads/smth/else",
                    List.of(DEPLOY)), pushed);
            assertEquals(first, remote.bare.branch("image-updates"));
            assertEquals(first, remote.bare.branch("smth/else"));
            assertEquals(remote.seed(), remote.bare.branch("main"), "the checked-out branch is left alone");
        }
        // main moves on; the push branch exists now: the next run builds on it, as Flux does
        String moved = remote.bare.push("main", "someone's change", Map.of("other.yaml", "x: 1\n"));
        Path marker = Files.writeString(folder.resolve(".git/left-by-the-first-run"), "");
        Files.writeString(folder.resolve(".git/index.lock"), ""); // as a run killed while resetting leaves it
        try (Run run = run(folder, repository, update)) {
            GitWorkspace workspace = run.workspace();
            assertTrue(Files.exists(marker), "the clone is reused, not made again");
            assertEquals(new Checkout(folder, first, moved, "image-updates"), workspace.checkout());
            assertEquals(UPDATED, Files.readString(folder.resolve(DEPLOY)));
            Files.writeString(folder.resolve(DEPLOY), UPDATED.replace("1.1", "1.2"));
            PushedCommit second = workspace.commitAndPush("again", WHEN).orElseThrow();
            assertEquals(first, remote.bare.commit(second.commit()).getParent(0).name());
            assertEquals(second.commit(), remote.bare.branch("image-updates"));
        }
    }

    @Test
    void aRejectedPushIsNamedAndTheNextRunStartsFromTheRemote() throws Exception {
        Remote remote = seeded(Map.of(DEPLOY, ORIGINAL));
        GitRepository repository = remote.onMain("basic");
        Path folder = work.resolve("ws-rejected");
        try (Run run = run(folder, repository, update(null, null, null))) {
            GitWorkspace workspace = run.workspace();
            workspace.checkout();
            Files.writeString(folder.resolve(DEPLOY), UPDATED);
            String theirs = remote.bare.push("main", "someone was faster", Map.of("other.yaml", "x: 1\n"));

            PushRejectedException rejected = assertThrows(PushRejectedException.class,
                    () -> workspace.commitAndPush("Update app to 1.1", WHEN));
            assertTrue(rejected.getMessage().matches("\\Q" + remote.url + ": push of commit \\E[0-9a-f]{7}\\Q to branch"
                    + " 'main' rejected: non-fast-forward: refs/heads/main moved on since the checkout; the next run"
                    + " starts again from it\\E"), rejected.getMessage());
            assertEquals(theirs, remote.bare.branch("main"), "nothing of theirs is lost");

            Checkout again = workspace.checkout();
            assertEquals(new Checkout(folder, theirs, theirs, "main"), again);
            assertEquals(ORIGINAL, Files.readString(folder.resolve(DEPLOY)), "the rejected edit is gone");
            assertEquals("x: 1\n", Files.readString(folder.resolve("other.yaml")));
            Files.writeString(folder.resolve(DEPLOY), UPDATED);
            PushedCommit pushed = workspace.commitAndPush("Update app to 1.1", WHEN).orElseThrow();
            assertEquals(theirs, remote.bare.commit(pushed.commit()).getParent(0).name());
            assertEquals(pushed.commit(), remote.bare.branch("main"));
            assertFalse(pushed.commit().equals(remote.seed()));
        }
    }

    @Test
    void aTagIsCheckedOutAndTheChangePushedToTheNamedBranch() throws Exception {
        Remote remote = seeded(Map.of(DEPLOY, ORIGINAL));
        try (Git bare = Git.open(remote.dir.toFile())) {
            bare.tag().setName("v1.0.0")
                    .setObjectId(bare.getRepository().parseCommit(ObjectId.fromString(remote.seed())))
                    .setAnnotated(true).setMessage("v1.0.0").call();
        }
        remote.bare.push("main", "later", Map.of(DEPLOY, UPDATED));
        GitRepository repository = repository(remote.url, new GitRepositoryRef(null, "v1.0.0", null, null, null),
                "basic");
        Path folder = work.resolve("ws-tag");
        try (Run run = run(folder, repository, update(null, "main2", null))) {
            GitWorkspace workspace = run.workspace();
            assertEquals(new Checkout(folder, remote.seed(), remote.seed(), "main2"), workspace.checkout());
            Files.writeString(folder.resolve(DEPLOY), ORIGINAL.replace("1.0", "1.0.1"));
            PushedCommit pushed = workspace.commitAndPush("from the tag", WHEN).orElseThrow();
            assertEquals(remote.seed(), remote.bare.commit(pushed.commit()).getParent(0).name());
            assertEquals(pushed.commit(), remote.bare.branch("main2"));
        }
    }

    @Test
    void aDryRunShowsTheDiffAndKeepsNothing() throws Exception {
        Remote remote = seeded(Map.of(DEPLOY, ORIGINAL, "gone.yaml", "a: 1\n"));
        GitRepository repository = remote.onMain("token");
        Path folder = work.resolve("ws-diff");
        try (Run run = run(folder, repository, update(null, null, null))) {
            GitWorkspace workspace = run.workspace();
            workspace.checkout();
            assertTrue(workspace.diffAndReset().empty());
            Files.writeString(folder.resolve(DEPLOY), UPDATED);
            Files.delete(folder.resolve("gone.yaml"));

            WorkTreeDiff diff = workspace.diffAndReset();
            assertEquals(List.of(DEPLOY, "gone.yaml"), diff.changedFiles());
            assertTrue(diff.unified().contains("diff --git a/" + DEPLOY + " b/" + DEPLOY + "\n"), diff.unified());
            assertTrue(diff.unified().contains("\n-  image: app:1.0 # {\"$imagepolicy\": \"apps:app\"}\n"
                    + "+  image: app:1.1 # {\"$imagepolicy\": \"apps:app\"}\n"), diff.unified());
            assertTrue(diff.unified().contains("deleted file mode"), diff.unified());
            assertEquals(ORIGINAL, Files.readString(folder.resolve(DEPLOY)), "the work tree is reset");
            assertTrue(Files.exists(folder.resolve("gone.yaml")));
            assertEquals(Optional.empty(), workspace.commitAndPush("nothing", WHEN));
            assertEquals(remote.seed(), remote.bare.branch("main"));
        }
    }

    @Test
    void failuresNameTheRepositoryAndNoSecret() throws Exception {
        Remote remote = seeded(Map.of(DEPLOY, ORIGINAL));
        GitRepository wrong = remote.onMain("wrong");
        try (Run run = run(work.resolve("ws-wrong"), wrong, update(null, null, null))) {
            GitWorkspace workspace = run.workspace();
            GitUpdateException failed = assertThrows(GitUpdateException.class, workspace::checkout);
            assertEquals(remote.url + ": checkout failed: not authorized", failed.getMessage());
        }
        GitRepository missingBranch = repository(remote.url, GitRepositoryRef.branch("nope"), "basic");
        try (Run run = run(work.resolve("ws-nope"), missingBranch, update(null, null, null))) {
            GitWorkspace workspace = run.workspace();
            GitUpdateException failed = assertThrows(GitUpdateException.class, workspace::checkout);
            assertEquals(remote.url + ": checkout failed: branch 'nope' not found", failed.getMessage());
        }
        GitUpdate signed = new GitUpdate(null, new GitUpdate.Commit(new GitUpdate.Author("Fluxbot",
                "flux@example.com"), new GitUpdate.SigningKey(new LocalReference("gpg"), "gpg"), null, Map.of()), null);
        GitUpdateException refused = assertThrows(GitUpdateException.class, () -> GitWorkspace.open(
                work.resolve("ws-signed"), missingBranch, signed, GitAccess.ANONYMOUS));
        assertEquals("spec.git.commit.signingKey: signing commits is not supported yet; remove it to push unsigned"
                + " commits", refused.getMessage());
    }

    /** A repository on the server: its URL, its bare directory, and the sha of its first commit on main. */
    private record Remote(String url, Path dir, BareRemote bare, String seed) {
        /** The GitRepository following its main branch with the credentials of Secret {@code secretRef}. */
        GitRepository onMain(String secretRef) {
            return repository(url, GitRepositoryRef.branch("main"), secretRef);
        }
    }

    /** A new repository on the server whose main branch holds {@code files}. */
    private static Remote seeded(Map<String, String> files) throws Exception {
        String name = "repo" + repositories++;
        String url = server.createRepository(name);
        Path dir = work.resolve("http").resolve(name + ".git");
        BareRemote bare = new BareRemote(dir, work.resolve("scratch"));
        return new Remote(url, dir, bare, bare.push("main", "seed", files));
    }

    /** A workspace with the access its repository's secretRef gives; closing it closes both. */
    record Run(GitAccess access, GitWorkspace workspace) implements AutoCloseable {
        @Override
        public void close() {
            workspace.close();
            access.close();
        }
    }

    static Run run(GitCredentials credentials, Path folder, GitRepository repository, GitUpdate update) {
        GitAccess access = credentials.open(repository.metadata().namespace(), repository.spec().url(),
                repository.spec().secretRef() == null ? null : repository.spec().secretRef().name());
        return new Run(access, GitWorkspace.open(folder, repository, update, access));
    }

    private static Run run(Path folder, GitRepository repository, GitUpdate update) {
        return run(credentials, folder, repository, update);
    }

    static GitRepository repository(String url, GitRepositoryRef ref, String secretRef) {
        return new GitRepository(new Metadata("source.toolkit.fluxcd.io/v1", "GitRepository", "repo", "apps",
                Map.of(), Map.of(), List.of()), new GitRepository.Spec(url, ref, Duration.ofMinutes(1),
                Duration.ofSeconds(30), false, secretRef == null ? null : new LocalReference(secretRef), null));
    }

    static GitUpdate update(GitUpdate.Checkout checkout, String pushBranch, String refspec) {
        return new GitUpdate(checkout, new GitUpdate.Commit(new GitUpdate.Author("Fluxbot", "flux@example.com"),
                null, null, Map.of()), pushBranch == null && refspec == null ? null
                        : new GitUpdate.Push(pushBranch, refspec, Map.of()));
    }

    /** A Secret of namespace apps laid out as a mounted Kubernetes Secret: one file per key. */
    static void writeSecret(Path work, String name, Map<String, String> data) throws Exception {
        Path dir = work.resolve("secrets").resolve("apps").resolve(name);
        Files.createDirectories(dir);
        for (Map.Entry<String, String> entry : data.entrySet()) {
            Files.writeString(dir.resolve(entry.getKey()), entry.getValue());
        }
    }
}
