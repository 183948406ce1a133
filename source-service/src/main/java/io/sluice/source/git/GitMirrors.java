package io.sluice.source.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.TagOpt;

/**
 * One local bare mirror per repository URL, under {@code <data-dir>/mirrors/<sha256 of the URL>}.
 * Asking which commit a ref names is a cheap ls-remote; the mirror fetches only when it lacks that
 * commit. Sources that share a URL share its mirror, one operation at a time.
 */
final class GitMirrors {
    /** Reads a commit while the mirror is held. */
    interface CommitReader<T> {
        T read(Repository repository, RevCommit commit) throws IOException;
    }

    private final Path root;
    private final int timeoutSeconds;
    private final Map<Path, Object> locks = new ConcurrentHashMap<>();

    GitMirrors(Path root, Duration timeout) {
        this.root = root;
        this.timeoutSeconds = (int) Math.max(1, timeout.toSeconds());
    }

    /** The commit the spec's ref names on the remote now; a fixed commit needs no asking. */
    ObjectId remoteCommit(GitRepositorySpec spec) {
        GitReference reference = spec.reference();
        if (reference.commit() != null) {
            return ObjectId.fromString(reference.commit());
        }
        Map<String, Ref> refs;
        try {
            refs = Git.lsRemoteRepository().setRemote(spec.url()).setTimeout(timeoutSeconds)
                    .setHeads(reference.tag() == null).setTags(reference.tag() != null).callAsMap();
        } catch (GitAPIException | JGitInternalException e) {
            throw failure(spec, "ls-remote", e);
        }
        Ref ref = refs.get(reference.remoteRef());
        if (ref == null) {
            throw new GitOperationException(spec.displayUrl() + ": " + reference.describe() + " not found");
        }
        return ref.getPeeledObjectId() != null ? ref.getPeeledObjectId() : ref.getObjectId();
    }

    /** Makes sure the mirror has {@code commit}, fetching the spec's ref only when it does not, then reads it. */
    <T> T withCommit(GitRepositorySpec spec, ObjectId commit, CommitReader<T> reader) throws IOException {
        Path dir = root.resolve(sha256(spec.url()));
        synchronized (locks.computeIfAbsent(dir, d -> new Object())) {
            try (Repository repository = open(dir)) {
                if (!repository.getObjectDatabase().has(commit)) {
                    fetch(repository, spec);
                }
                if (!repository.getObjectDatabase().has(commit)) {
                    throw new GitOperationException(spec.displayUrl() + ": commit " + commit.name() + " not found in "
                            + spec.reference().describe());
                }
                try (RevWalk walk = new RevWalk(repository)) {
                    return reader.read(repository, walk.parseCommit(commit));
                }
            }
        }
    }

    private void fetch(Repository repository, GitRepositorySpec spec) {
        try (Git git = Git.wrap(repository)) {
            git.fetch().setRemote(spec.url()).setRefSpecs(spec.reference().fetchSpecs()).setTagOpt(TagOpt.NO_TAGS)
                    .setTimeout(timeoutSeconds).call();
        } catch (GitAPIException | JGitInternalException e) {
            throw failure(spec, "fetch", e);
        }
    }

    private static Repository open(Path dir) throws IOException {
        Repository repository = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
        if (!Files.exists(dir.resolve("objects"))) {
            Files.createDirectories(dir.getParent());
            repository.create(true);
        }
        return repository;
    }

    /** "<url>: fetch failed: <every distinct message of the cause chain>", with credentials scrubbed. */
    private static GitOperationException failure(GitRepositorySpec spec, String operation, Exception e) {
        Set<String> messages = new LinkedHashSet<>();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            messages.add(cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName());
        }
        // JGit starts its messages with the URL, which this message already leads with.
        String causes = RedactedUrl.scrub(String.join(": ", messages), spec.url()).replace(spec.displayUrl() + ": ", "");
        return new GitOperationException(spec.displayUrl() + ": " + operation + " failed: " + causes);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
