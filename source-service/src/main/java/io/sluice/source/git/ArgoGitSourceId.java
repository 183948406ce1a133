package io.sluice.source.git;

import io.sluice.events.ObjectRef;
import io.sluice.source.webhook.RepositoryUrl;
import java.util.Optional;

/**
 * The id of the implicit Git source that every Argo CD Application naming the same repository at
 * the same {@code targetRevision} shares. Other services compute it from an Application to find
 * its artifact on sluice.source.artifacts:
 * <pre>
 * ObjectRef("source.toolkit.fluxcd.io/v1", "GitRepository", "", "argocd-" + first 12 hex digits of
 *           sha256(RepositoryUrl.key(repoURL) + "\n" + revision(targetRevision)))
 * </pre>
 * i.e. the key {@code source.toolkit.fluxcd.io/GitRepository//argocd-<12 hex>}. The repository part
 * is {@link RepositoryUrl#key} ("host/org/repo", lower case, without scheme, user, port, ".git" or
 * trailing slash, so https and scp-like SSH forms of one repository are one source); the revision
 * part is the targetRevision trimmed, "HEAD" when empty.
 */
public final class ArgoGitSourceId {
    public static final String API_VERSION = "source.toolkit.fluxcd.io/v1";
    public static final String KIND = "GitRepository";
    public static final String HEAD = "HEAD";
    private static final int HASH_DIGITS = 12;

    /** The implicit source for {@code repoUrl} at {@code targetRevision}; empty when the URL names no repository. */
    public static Optional<ObjectRef> of(String repoUrl, String targetRevision) {
        return RepositoryUrl.key(repoUrl).map(repository -> new ObjectRef(API_VERSION, KIND, "",
                "argocd-" + GitMirrors.sha256(repository + "\n" + revision(targetRevision)).substring(0, HASH_DIGITS)));
    }

    /** The targetRevision as the id reads it: trimmed, and HEAD (the default branch) when empty or absent. */
    public static String revision(String targetRevision) {
        String trimmed = targetRevision == null ? "" : targetRevision.trim();
        return trimmed.isEmpty() ? HEAD : trimmed;
    }

    private ArgoGitSourceId() {
    }
}
