package io.sluice.source.git;

import static io.sluice.source.config.DocumentFields.at;
import static io.sluice.source.config.DocumentFields.optionalString;

import io.sluice.source.config.InvalidFieldException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.transport.RefSpec;

/**
 * What a GitRepository follows ({@code spec.ref}): a branch, a tag, or a fixed commit (optionally
 * on a branch). Without a ref Flux follows the branch {@code master}, and so does Sluice.
 */
public record GitReference(String branch, String tag, String commit) {
    public static final String DEFAULT_BRANCH = "master";
    private static final Pattern FULL_SHA = Pattern.compile("[0-9a-f]{40}");

    static GitReference parse(Map<String, Object> document) {
        Object ref = at(document, "spec.ref");
        if (ref != null && !(ref instanceof Map)) {
            throw new InvalidFieldException("spec.ref must be a mapping with branch, tag or commit");
        }
        for (String unsupported : List.of("semver", "name")) {
            if (at(document, "spec.ref." + unsupported) != null) {
                throw new InvalidFieldException("spec.ref." + unsupported + " is not supported yet (use branch, tag or commit)");
            }
        }
        String branch = optionalString(document, "spec.ref.branch");
        String tag = optionalString(document, "spec.ref.tag");
        String commit = optionalString(document, "spec.ref.commit");
        if (commit != null && !FULL_SHA.matcher(commit).matches()) {
            throw new InvalidFieldException("spec.ref.commit must be a full 40-character lowercase SHA-1, not '" + commit + "'");
        }
        // Flux's precedence: commit, then tag, then branch.
        if (commit != null) {
            return new GitReference(branch, null, commit);
        }
        if (tag != null) {
            return new GitReference(null, tag, null);
        }
        return new GitReference(branch == null ? DEFAULT_BRANCH : branch, null, null);
    }

    /** The remote ref to look up with ls-remote, or null for a fixed commit (nothing to look up). */
    String remoteRef() {
        if (commit != null) {
            return null;
        }
        return tag != null ? Constants.R_TAGS + tag : Constants.R_HEADS + branch;
    }

    /** What to fetch into the mirror to get the commit. */
    List<RefSpec> fetchSpecs() {
        String ref = remoteRef();
        if (ref == null && branch != null) {
            ref = Constants.R_HEADS + branch;
        }
        if (ref == null) {
            return List.of(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"));
        }
        return List.of(new RefSpec("+" + ref + ":" + ref));
    }

    /** Flux's revision form: {@code main@sha1:<sha>}, {@code v1.0@sha1:<sha>}, or {@code sha1:<sha>} for a bare commit. */
    public String revision(String sha) {
        String name = tag != null ? tag : branch;
        return (name == null ? "" : name + "@") + "sha1:" + sha;
    }

    /** How people read it in messages: "branch 'main'", "tag 'v1'", "commit 'abc...'". */
    public String describe() {
        if (commit != null) {
            return "commit '" + commit + "'";
        }
        return tag != null ? "tag '" + tag + "'" : "branch '" + branch + "'";
    }
}
