package io.sluice.image.automation.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A bare repository a test Git server serves, seen from the server's side: what its branches hold,
 * and commits someone else pushes to it (through its file:// URL, as a person would push).
 */
final class BareRemote {
    private final Path dir;
    private final Path scratch;
    private int clones;

    BareRemote(Path dir, Path scratch) {
        this.dir = dir;
        this.scratch = scratch;
    }

    /** Commits {@code files} on top of {@code branch} (a new branch: a first commit) and pushes it; the new sha. */
    String push(String branch, String message, Map<String, String> files) throws IOException, GitAPIException {
        Path clone = scratch.resolve("clone-" + dir.getFileName() + "-" + clones++);
        String url = dir.toUri().toString();
        try (Git git = branch(branch) != null
                ? Git.cloneRepository().setURI(url).setBranch(branch).setDirectory(clone.toFile()).call()
                : Git.init().setInitialBranch(branch).setDirectory(clone.toFile()).call()) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = clone.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
            git.add().addFilepattern(".").call();
            RevCommit commit = git.commit().setMessage(message).setAuthor("Someone", "someone@example.com")
                    .setCommitter("Someone", "someone@example.com").setSign(false).call();
            git.push().setRemote(url)
                    .setRefSpecs(new RefSpec(Constants.R_HEADS + branch + ":" + Constants.R_HEADS + branch)).call();
            return commit.name();
        }
    }

    /** The sha {@code branch} points at; null when there is no such branch. */
    String branch(String branch) throws IOException {
        try (Repository repository = open()) {
            Ref ref = repository.exactRef(Constants.R_HEADS + branch);
            return ref == null ? null : ref.getObjectId().name();
        }
    }

    /** The commit {@code sha}, parsed (message, author, parents). */
    RevCommit commit(String sha) throws IOException {
        try (Repository repository = open(); RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(sha));
            walk.parseBody(commit);
            return commit;
        }
    }

    /** The text of {@code path} in the commit {@code branch} points at; null when the file is not there. */
    String file(String branch, String path) throws IOException {
        try (Repository repository = open(); RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(repository.resolve(Constants.R_HEADS + branch));
            try (TreeWalk tree = TreeWalk.forPath(repository, path, commit.getTree())) {
                return tree == null ? null : new String(repository.open(tree.getObjectId(0)).getBytes(),
                        StandardCharsets.UTF_8);
            }
        }
    }

    private Repository open() throws IOException {
        return new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
    }
}
