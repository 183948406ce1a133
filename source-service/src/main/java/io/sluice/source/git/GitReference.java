package io.sluice.source.git;

import static io.sluice.source.config.DocumentFields.at;
import static io.sluice.source.config.DocumentFields.optionalString;

import io.sluice.source.config.InvalidFieldException;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;

/**
 * What a GitRepository follows ({@code spec.ref}): a branch, a tag, the highest tag in a semver
 * range, a full ref name, or a fixed commit (optionally on a branch). Flux's precedence decides
 * when several are given: commit, then name, then semver, then tag, then branch; only the
 * winning field is kept (and the branch of a commit). Without a ref Flux follows the branch
 * {@code master}, and so does Sluice. An implicit source of Argo CD Applications follows a
 * {@code targetRevision} instead (see {@link ArgoTargetRevision}): a name looked up among the
 * remote's refs at each poll, or HEAD, the remote's default branch.
 */
public record GitReference(String branch, String tag, String semver, String name, String commit,
        String targetRevision) {
    public static final String DEFAULT_BRANCH = "master";
    private static final Pattern FULL_SHA = Pattern.compile("[0-9a-f]{40}");

    public GitReference(String branch, String tag, String semver, String name, String commit) {
        this(branch, tag, semver, name, commit, null);
    }

    static GitReference parse(Map<String, Object> document) {
        Object ref = at(document, "spec.ref");
        if (ref != null && !(ref instanceof Map)) {
            throw new InvalidFieldException("spec.ref must be a mapping with branch, tag, semver, name or commit");
        }
        String branch = optionalString(document, "spec.ref.branch");
        String tag = optionalString(document, "spec.ref.tag");
        String semver = optionalString(document, "spec.ref.semver");
        String name = optionalString(document, "spec.ref.name");
        String commit = optionalString(document, "spec.ref.commit");
        if (commit != null) {
            if (!FULL_SHA.matcher(commit).matches()) {
                throw new InvalidFieldException("spec.ref.commit must be a full 40-character lowercase SHA-1, not '"
                        + commit + "'");
            }
            return new GitReference(branch, null, null, null, commit);
        }
        if (name != null) {
            if (!name.startsWith(Constants.R_REFS) || !Repository.isValidRefName(name)) {
                throw new InvalidFieldException("spec.ref.name must be a full Git reference such as refs/heads/main"
                        + " or refs/pull/1/head, not '" + name + "'");
            }
            return new GitReference(null, null, null, name, null);
        }
        if (semver != null) {
            SemverTags.requireValidRange(semver);
            return new GitReference(null, null, semver, null, null);
        }
        if (tag != null) {
            return new GitReference(null, tag, null, null, null);
        }
        return new GitReference(branch == null ? DEFAULT_BRANCH : branch, null, null, null, null);
    }

    /** A ref that resolves to a single known remote ref (not a semver range, not a commit). */
    String fixedRemoteRef() {
        if (targetRevision != null) {
            return null;
        }
        if (name != null) {
            return name;
        }
        if (tag != null) {
            return Constants.R_TAGS + tag;
        }
        return commit == null && semver == null ? Constants.R_HEADS + branch : null;
    }

    /**
     * Flux's revision form for the commit {@code sha} found at {@code remoteRef}: {@code main@sha1:<sha>}
     * for a branch, {@code v1.0@sha1:<sha>} for a tag (also one chosen by a semver range), the full
     * ref for a name ({@code refs/pull/1/head@sha1:<sha>}), and {@code sha1:<sha>} for a bare commit.
     */
    public String revision(String remoteRef, String sha) {
        String label;
        if (commit != null) {
            label = branch;
        } else if (name != null) {
            label = name;
        } else if (remoteRef.startsWith(Constants.R_TAGS)) {
            label = remoteRef.substring(Constants.R_TAGS.length());
        } else {
            label = Repository.shortenRefName(remoteRef);
        }
        return (label == null ? "" : label + "@") + "sha1:" + sha;
    }

    /** How people read it in messages: "branch 'main'", "tag 'v1'", "semver range '1.x'", "ref '...'", "commit '...'". */
    public String describe() {
        if (targetRevision != null) {
            return "targetRevision '" + targetRevision + "'";
        }
        if (commit != null) {
            return "commit '" + commit + "'" + (branch == null ? "" : " on branch '" + branch + "'");
        }
        if (name != null) {
            return "ref '" + name + "'";
        }
        if (semver != null) {
            return "semver range '" + semver + "'";
        }
        return tag != null ? "tag '" + tag + "'" : "branch '" + branch + "'";
    }
}
