package io.sluice.source.git;

import io.sluice.api.argo.ArgoSourceIds;
import io.sluice.api.source.GitRepositoryRef;
import io.sluice.api.source.SemverRange;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;

/**
 * An Argo CD Application's {@code targetRevision} as Argo CD reads it: a full commit SHA; a semver
 * range over tags ("1.2.*", "^1.2", "&gt;=1.0 &lt;2.0"; a plain version such as "v1.2.3" is a tag
 * name, as in Argo CD); HEAD or empty, the remote's default branch; otherwise a name looked up at
 * each poll among the remote's refs: a full ref, else a branch, else a tag of that name (Argo CD
 * finds branches first, since the remote lists them first).
 */
public final class ArgoTargetRevision {
    private static final Pattern FULL_SHA = Pattern.compile("[0-9a-fA-F]{40}");
    private static final Pattern RANGE_CHARACTERS = Pattern.compile("[\\sv0-9xX*.<>=~^|,-]+");
    private static final Pattern RANGE_OPERATOR = Pattern.compile(".*[<>=~^*xX|].*");

    /** What an implicit source follows for {@code targetRevision} (already normalised: trimmed, HEAD when empty). */
    public static GitReference reference(String targetRevision) {
        if (FULL_SHA.matcher(targetRevision).matches()) {
            return GitReference.of(new GitRepositoryRef(null, null, null, null, targetRevision.toLowerCase(Locale.ROOT)));
        }
        if (isRange(targetRevision)) {
            return GitReference.of(new GitRepositoryRef(null, null, targetRevision, null, null));
        }
        return new GitReference(null, targetRevision);
    }

    /** The remote ref that {@code targetRevision} (a name or HEAD) names among {@code refs}, if any. */
    static Optional<String> remoteRef(String targetRevision, Map<String, Ref> refs) {
        if (ArgoSourceIds.HEAD.equals(targetRevision)) {
            return defaultBranch(refs);
        }
        return List.of(targetRevision, Constants.R_HEADS + targetRevision, Constants.R_TAGS + targetRevision).stream()
                .filter(candidate -> candidate.startsWith(Constants.R_REFS) && refs.containsKey(candidate))
                .findFirst();
    }

    private static boolean isRange(String text) {
        if (!RANGE_CHARACTERS.matcher(text).matches() || !RANGE_OPERATOR.matcher(text).matches()) {
            return false;
        }
        try {
            SemverRange.parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The branch HEAD points at: the symref the remote advertises, or else (a remote without that
     * capability) a branch at HEAD's commit, main and master first, as {@code git clone} guesses.
     */
    private static Optional<String> defaultBranch(Map<String, Ref> refs) {
        Ref head = refs.get(Constants.HEAD);
        if (head == null) {
            return Optional.empty();
        }
        if (head.isSymbolic()) {
            return Optional.of(head.getTarget().getName());
        }
        ObjectId commit = head.getObjectId();
        return refs.values().stream()
                .filter(ref -> ref.getName().startsWith(Constants.R_HEADS) && commit.equals(ref.getObjectId()))
                .map(Ref::getName)
                .min(Comparator.comparing((String name) -> !name.equals(Constants.R_HEADS + "main"))
                        .thenComparing(name -> !name.equals(Constants.R_HEADS + "master"))
                        .thenComparing(Comparator.naturalOrder()));
    }

    private ArgoTargetRevision() {
    }
}
