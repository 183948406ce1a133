package io.sluice.testkit.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;

/**
 * A clone that a test (or {@code sluice up --demo}) edits, commits and pushes, the way a person
 * changes a GitOps repository.
 */
public final class WorkingCopy implements AutoCloseable {
    private final Git git;
    private final Path dir;

    private WorkingCopy(Git git, Path dir) {
        this.git = git;
        this.dir = dir;
    }

    /** A new working copy whose origin is {@code remoteUrl} (which may still be empty), on branch main. */
    public static WorkingCopy create(Path dir, String remoteUrl) throws IOException, GitAPIException {
        Git git = Git.init().setInitialBranch("main").setDirectory(dir.toFile()).call();
        var config = git.getRepository().getConfig();
        config.setString("remote", "origin", "url", remoteUrl);
        config.save();
        return new WorkingCopy(git, dir);
    }

    public Path dir() {
        return dir;
    }

    public WorkingCopy write(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return this;
    }

    public WorkingCopy delete(String path) throws IOException {
        Files.delete(dir.resolve(path));
        return this;
    }

    /** Commits every change in the tree and pushes main; returns the new commit's full sha. */
    public String commitAndPush(String message) throws GitAPIException {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        RevCommit commit = git.commit().setMessage(message)
                .setAuthor("Sluice test", "test@sluice.io").setCommitter("Sluice test", "test@sluice.io").call();
        git.push().setRemote("origin").setRefSpecs(new RefSpec("refs/heads/main:" + Constants.R_HEADS + "main"))
                .setForce(true).call();
        return commit.getName();
    }

    @Override
    public void close() {
        git.close();
    }
}
