package io.sluice.source.git;

import io.sluice.api.argo.ArgoSourceIds;
import io.sluice.api.source.GitRepositoryRef;
import java.util.List;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;

/**
 * What a Git source follows: a GitRepository's {@code spec.ref} as api read it (only the field that
 * wins Flux's precedence is set), or, for an implicit source of Argo CD Applications, a
 * {@code targetRevision} name looked up among the remote's refs at each poll, or HEAD, the remote's
 * default branch (see {@link ArgoTargetRevision}; a commit or range targetRevision is a ref).
 * Exactly one of {@code ref} and {@code targetRevision} is set.
 */
public record GitReference(GitRepositoryRef ref, String targetRevision) {

    /** What a GitRepository (or the bootstrap repository) follows. */
    public static GitReference of(GitRepositoryRef ref) {
        return new GitReference(ref, null);
    }

    String branch() {
        return ref == null ? null : ref.branch();
    }

    String tag() {
        return ref == null ? null : ref.tag();
    }

    String semver() {
        return ref == null ? null : ref.semver();
    }

    String commit() {
        return ref == null ? null : ref.commit();
    }

    /** A ref that resolves to a single known remote ref (not a semver range, not a commit, not a targetRevision). */
    String fixedRemoteRef() {
        if (ref == null || ref.commit() != null || ref.semver() != null) {
            return null;
        }
        if (ref.name() != null) {
            return ref.name();
        }
        return ref.tag() != null ? Constants.R_TAGS + ref.tag() : Constants.R_HEADS + ref.branch();
    }

    /**
     * Flux's revision form for the commit {@code sha} found at {@code remoteRef}: {@code main@sha1:<sha>}
     * for a branch, {@code v1.0@sha1:<sha>} for a tag (also one chosen by a semver range), the full
     * ref for a name ({@code refs/pull/1/head@sha1:<sha>}), and {@code sha1:<sha>} for a bare commit.
     */
    public String revision(String remoteRef, String sha) {
        String label;
        if (commit() != null) {
            label = ref.branch();
        } else if (ref != null && ref.name() != null) {
            label = ref.name();
        } else if (remoteRef.startsWith(Constants.R_TAGS)) {
            label = remoteRef.substring(Constants.R_TAGS.length());
        } else {
            label = Repository.shortenRefName(remoteRef);
        }
        return (label == null ? "" : label + "@") + "sha1:" + sha;
    }

    /**
     * Whether a push of {@code pushedRefs} moves what this follows: a commit never moves, a range
     * follows any tag, HEAD any branch (a push does not say which is the default: one ls-remote too
     * many is cheap), a targetRevision name its ref, branch or tag, anything else its one ref.
     */
    public boolean movedBy(List<String> pushedRefs) {
        if (commit() != null) {
            return false;
        }
        if (semver() != null) {
            return pushedRefs.stream().anyMatch(pushed -> pushed.startsWith(Constants.R_TAGS));
        }
        if (ArgoSourceIds.HEAD.equals(targetRevision)) {
            return pushedRefs.stream().anyMatch(pushed -> pushed.startsWith(Constants.R_HEADS));
        }
        if (targetRevision != null) {
            return pushedRefs.contains(targetRevision) || pushedRefs.contains(Constants.R_HEADS + targetRevision)
                    || pushedRefs.contains(Constants.R_TAGS + targetRevision);
        }
        return pushedRefs.contains(fixedRemoteRef());
    }

    /** How people read it in messages: "branch 'main'", "tag 'v1'", "semver range '1.x'", "ref '...'", "commit '...'". */
    public String describe() {
        if (targetRevision != null) {
            return "targetRevision '" + targetRevision + "'";
        }
        if (ref.commit() != null) {
            return "commit '" + ref.commit() + "'" + (ref.branch() == null ? "" : " on branch '" + ref.branch() + "'");
        }
        if (ref.name() != null) {
            return "ref '" + ref.name() + "'";
        }
        if (ref.semver() != null) {
            return "semver range '" + ref.semver() + "'";
        }
        return ref.tag() != null ? "tag '" + ref.tag() + "'" : "branch '" + ref.branch() + "'";
    }
}
