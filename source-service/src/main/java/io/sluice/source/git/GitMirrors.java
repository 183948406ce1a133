package io.sluice.source.git;

import io.sluice.access.git.GitAccess;
import io.sluice.access.git.SemverTags;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;

/**
 * One local bare mirror per repository URL, under {@code <data-dir>/mirrors/<sha256 of the URL>}.
 * Asking which commit a ref names is a cheap ls-remote; the mirror fetches only when it lacks that
 * commit, and only that ref, one commit deep, when the ref names it (a pinned commit needs the
 * history of its branch). Sources that share a URL share its mirror, one operation at a time.
 */
final class GitMirrors {
    /** Reads a commit while the mirror is held. */
    interface CommitReader<T> {
        T read(Repository repository, RevCommit commit) throws IOException;
    }

    private static final int MAX_TAGS_LISTED = 10;

    private final Path root;
    private final Map<Path, Object> locks = new ConcurrentHashMap<>();

    GitMirrors(Path root) {
        this.root = root;
    }

    /** Where the spec's ref points on the remote now; a fixed commit needs no asking. */
    ResolvedRef resolve(PolledRepository spec, GitAccess access) {
        GitReference reference = spec.reference();
        if (reference.commit() != null) {
            return new ResolvedRef(null, ObjectId.fromString(reference.commit()));
        }
        boolean tags = reference.tag() != null || reference.semver() != null;
        Map<String, Ref> refs;
        try {
            // a name may be any ref (refs/pull/...): then neither filter, and ls-remote lists them all
            refs = access.configure(Git.lsRemoteRepository()).setRemote(spec.url()).setTimeout(timeoutSeconds(spec))
                    .setHeads(reference.branch() != null).setTags(tags).callAsMap();
        } catch (GitAPIException | JGitInternalException e) {
            throw failure(spec, access, "ls-remote", e);
        }
        String wanted = reference.fixedRemoteRef();
        if (wanted == null && reference.targetRevision() != null) {
            wanted = ArgoTargetRevision.remoteRef(reference.targetRevision(), refs).orElseThrow(
                    () -> new GitOperationException(spec.displayUrl() + ": " + reference.describe()
                            + " not found: no branch, tag or ref of that name"));
        } else if (wanted == null) {
            wanted = SemverTags.highest(reference.semver(), refs).orElseThrow(() -> new GitOperationException(
                    spec.displayUrl() + ": no tag matches " + reference.describe() + tagList(refs)));
        }
        Ref ref = refs.get(wanted);
        if (ref == null) {
            throw new GitOperationException(spec.displayUrl() + ": " + reference.describe() + " not found");
        }
        return new ResolvedRef(wanted, ref.getPeeledObjectId() != null ? ref.getPeeledObjectId() : ref.getObjectId());
    }

    /**
     * Makes sure the mirror has the commit, fetching when it does not, then reads it; {@code fetched}
     * is told how many bytes a fetch added to the mirror (JGit keeps what it receives as a pack there).
     */
    <T> T withCommit(PolledRepository spec, GitAccess access, ResolvedRef resolved, LongConsumer fetched,
            CommitReader<T> reader) throws IOException {
        Path dir = root.resolve(sha256(spec.url()));
        synchronized (locks.computeIfAbsent(dir, d -> new Object())) {
            try (Repository repository = open(dir)) {
                ObjectId object = resolved.object();
                if (!repository.getObjectDatabase().has(object)) {
                    long before = objectBytes(dir);
                    fetch(repository, dir, spec, access, resolved);
                    fetched.accept(Math.max(0, objectBytes(dir) - before));
                }
                if (!repository.getObjectDatabase().has(object)) {
                    throw new GitOperationException(spec.displayUrl() + ": commit " + object.name() + " not found ("
                            + spec.reference().describe() + ")");
                }
                try (RevWalk walk = new RevWalk(repository)) {
                    return reader.read(repository, walk.parseCommit(object));
                }
            }
        }
    }

    private void fetch(Repository repository, Path dir, PolledRepository spec, GitAccess access, ResolvedRef resolved) {
        GitReference reference = spec.reference();
        List<RefSpec> refSpecs;
        if (resolved.ref() != null) {
            refSpecs = List.of(new RefSpec("+" + resolved.ref() + ":" + resolved.ref()));
        } else if (reference.branch() != null) {
            refSpecs = List.of(new RefSpec("+" + Constants.R_HEADS + reference.branch() + ":" + Constants.R_HEADS
                    + reference.branch()));
        } else {
            refSpecs = List.of(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"));
        }
        try (Git git = Git.wrap(repository)) {
            FetchCommand fetch = access.configure(git.fetch()).setRemote(spec.url()).setRefSpecs(refSpecs)
                    .setTagOpt(TagOpt.NO_TAGS).setTimeout(timeoutSeconds(spec));
            if (resolved.ref() != null) {
                fetch.setDepth(1);
            } else if (Files.exists(dir.resolve("shallow"))) {
                // a pinned commit may be older than what earlier shallow fetches brought
                fetch.setUnshallow(true);
            }
            fetch.call();
        } catch (GitAPIException | JGitInternalException e) {
            throw failure(spec, access, "fetch", e);
        }
    }

    /** The size of the mirror's object store: a few pack files, as JGit writes one per fetch. */
    private static long objectBytes(Path dir) throws IOException {
        Path objects = dir.resolve("objects");
        if (!Files.isDirectory(objects)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(objects)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    private static int timeoutSeconds(PolledRepository spec) {
        return (int) Math.max(1, spec.timeout().toSeconds());
    }

    private static String tagList(Map<String, Ref> refs) {
        List<String> tags = refs.keySet().stream().filter(ref -> ref.startsWith(Constants.R_TAGS))
                .map(ref -> ref.substring(Constants.R_TAGS.length())).sorted().toList();
        if (tags.isEmpty()) {
            return " (the repository has no tags)";
        }
        return " (tags: " + String.join(", ", tags.subList(0, Math.min(MAX_TAGS_LISTED, tags.size())))
                + (tags.size() > MAX_TAGS_LISTED ? ", ..." : "") + ")";
    }

    private static Repository open(Path dir) throws IOException {
        Repository repository = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
        if (!Files.exists(dir.resolve("objects"))) {
            Files.createDirectories(dir.getParent());
            repository.create(true);
        }
        return repository;
    }

    private static GitOperationException failure(PolledRepository spec, GitAccess access, String operation,
            Exception e) {
        return new GitOperationException(access.failure(spec.url(), operation, e));
    }

    /** The sha256 of {@code text} in lowercase hex. */
    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
