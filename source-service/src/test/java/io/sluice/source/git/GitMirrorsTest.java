package io.sluice.source.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.access.git.GitAccess;
import io.sluice.api.source.GitRepositoryRef;
import io.sluice.testkit.git.WorkingCopy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitMirrorsTest {
    @TempDir
    Path dir;

    @Test
    void fetchesABranchOneCommitDeepAndDeepensForAnOlderPinnedCommit() throws Exception {
        Path bare = dir.resolve("origin.git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
        String url = bare.toUri().toString();
        WorkingCopy repo = WorkingCopy.create(dir.resolve("work"), url);
        String first = repo.write("a.yaml", "v: 1\n").commitAndPush("first");
        String second = repo.write("a.yaml", "v: 2\n").commitAndPush("second");
        String third = repo.write("a.yaml", "v: 3\n").commitAndPush("third");
        GitMirrors mirrors = new GitMirrors(dir.resolve("mirrors"));

        PolledRepository branch = polled(url, GitRepositoryRef.branch("main"));
        ResolvedRef head = mirrors.resolve(branch, GitAccess.ANONYMOUS);
        assertEquals(third, head.object().name());
        AtomicLong fetched = new AtomicLong();
        String read = mirrors.withCommit(branch, GitAccess.ANONYMOUS, head, fetched::addAndGet, (repository, commit) -> {
            assertTrue(repository.getObjectDatabase().has(commit.getTree()));
            assertFalse(repository.getObjectDatabase().has(ObjectId.fromString(second)), "one commit deep");
            return commit.name();
        });
        assertEquals(third, read);
        assertTrue(fetched.get() > 0, "the fetch's bytes are counted");
        long shallowFetch = fetched.get();
        mirrors.withCommit(branch, GitAccess.ANONYMOUS, head, fetched::addAndGet, (repository, commit) -> null);
        assertEquals(shallowFetch, fetched.get(), "a commit the mirror has is not fetched again");
        Path mirror;
        try (var folders = Files.list(dir.resolve("mirrors"))) {
            mirror = folders.findFirst().orElseThrow();
        }
        assertTrue(Files.exists(mirror.resolve("shallow")), "a shallow mirror");

        PolledRepository pinned = polled(url, new GitRepositoryRef("main", null, null, null, first));
        ResolvedRef old = mirrors.resolve(pinned, GitAccess.ANONYMOUS);
        assertEquals(first, mirrors.withCommit(pinned, GitAccess.ANONYMOUS, old, fetched::addAndGet,
                (repository, commit) -> commit.name()));
        assertTrue(fetched.get() > shallowFetch, "deepening fetched more");
    }

    private static PolledRepository polled(String url, GitRepositoryRef ref) {
        return new PolledRepository(url, GitReference.of(ref), Duration.ofMinutes(1), Duration.ofSeconds(30), false,
                null, null);
    }
}
