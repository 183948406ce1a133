package io.sluice.api.source;

import io.sluice.api.read.Node;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;

/**
 * What a GitRepository follows ({@code spec.ref}), after Flux's precedence: commit, then name, then
 * semver, then tag, then branch. Only the winning field is kept, and the branch of a commit (Flux
 * clones that branch to find it). Without any, the branch {@value #DEFAULT_BRANCH}, as in Flux.
 * Resolving it against the remote's refs is the source-service's work.
 *
 * @param branch a branch name ({@code main}); with a commit, the branch it is on (may be null)
 * @param tag a tag name ({@code v1.0.0})
 * @param semver a range over tags ({@code >=1.0.0 <2.0.0}), valid for {@link SemverRange#parse}
 * @param name a full Git reference ({@code refs/pull/1/head})
 * @param commit a full 40-hex SHA-1
 */
public record GitRepositoryRef(String branch, String tag, String semver, String name, String commit) {
    /** What Flux follows when spec.ref names nothing. */
    public static final String DEFAULT_BRANCH = "master";
    public static final GitRepositoryRef DEFAULT = branch(DEFAULT_BRANCH);
    private static final Pattern FULL_SHA = Pattern.compile("[0-9a-f]{40}");

    public static GitRepositoryRef branch(String branch) {
        return new GitRepositoryRef(branch, null, null, null, null);
    }

    /** Reads {@code spec.ref}; only the field that takes precedence is checked, as Flux only uses that one. */
    static GitRepositoryRef read(Node ref) {
        String branch = ref.get("branch").string();
        String tag = ref.get("tag").string();
        Node semverField = ref.get("semver");
        String semver = semverField.string();
        Node nameField = ref.get("name");
        String name = nameField.string();
        Node commitField = ref.get("commit");
        String commit = commitField.string();
        if (commit != null) {
            if (!FULL_SHA.matcher(commit).matches()) {
                commitField.error("must be a full 40-character lowercase SHA-1, not '" + commit + "'");
            }
            return new GitRepositoryRef(branch, null, null, null, commit);
        }
        if (name != null) {
            if (!name.startsWith(Constants.R_REFS) || !Repository.isValidRefName(name)) {
                nameField.error("must be a full Git reference such as refs/heads/main or refs/pull/1/head, not '"
                        + name + "'");
            }
            return new GitRepositoryRef(null, null, null, name, null);
        }
        if (semver != null) {
            try {
                SemverRange.parse(semver);
            } catch (IllegalArgumentException e) {
                semverField.error(e.getMessage());
            }
            return new GitRepositoryRef(null, null, semver, null, null);
        }
        if (tag != null) {
            return new GitRepositoryRef(null, tag, null, null, null);
        }
        return branch(branch == null ? DEFAULT_BRANCH : branch);
    }
}
