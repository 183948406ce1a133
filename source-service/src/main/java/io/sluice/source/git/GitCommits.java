package io.sluice.source.git;

import io.sluice.access.git.GitAccess;
import io.sluice.access.git.GitCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Reads the commit a repository's ref names, for work other than artifacts (the bootstrap
 * configuration), through the same mirrors, credentials and time limits as the GitRepositories:
 * a GitRepository on the same URL shares the mirror.
 */
@ApplicationScoped
public class GitCommits {
    /** Reads a commit while its mirror is held. */
    public interface TreeReader<T> {
        T read(Repository repository, RevCommit commit) throws IOException;
    }

    /** What was read, at which commit, under which revision ("main@sha1:..."). */
    public record Read<T>(String revision, String commit, T value) {
    }

    private final GitPoller poller;
    private final GitCredentials credentials;

    @Inject
    public GitCommits(GitPoller poller, GitCredentials credentials) {
        this.poller = poller;
        this.credentials = credentials;
    }

    /**
     * What {@code reader} finds at the commit {@code spec}'s ref names now, or empty when that is
     * still {@code knownCommit} (a cheap ls-remote); {@code namespace} is the secretRef's.
     * Git failures are {@link GitOperationException}s whose messages hold no credentials.
     */
    public <T> Optional<Read<T>> readIfMoved(String namespace, PolledRepository spec, String knownCommit,
            TreeReader<T> reader) throws IOException {
        try (GitAccess access = credentials.open(namespace, spec.url(), spec.secretRef())) {
            ResolvedRef remote = poller.mirrors().resolve(spec, access);
            if (remote.object().name().equals(knownCommit)) {
                return Optional.empty();
            }
            // Bootstrap reads are not a source's polls: their fetch bytes are not counted per source.
            return Optional.of(poller.mirrors().withCommit(spec, access, remote, bytes -> { },
                    (repository, commit) -> new Read<>(spec.reference().revision(remote.ref(), commit.name()),
                            commit.name(), reader.read(repository, commit))));
        }
    }
}
