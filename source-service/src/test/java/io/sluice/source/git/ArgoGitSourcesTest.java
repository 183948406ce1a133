package io.sluice.source.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.argo.ArgoSourceIds;
import io.sluice.api.ObjectRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectIdRef;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.SymbolicRef;
import org.junit.jupiter.api.Test;

/** How Argo CD Applications' repoURL and targetRevision become implicit sources, and how a targetRevision resolves. */
class ArgoGitRepositoriesTest {
    private static final String HTTPS = "https://github.com/Org/Fleet.git";
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void theIdFollowsTheDocumentedFormula() {
        ObjectRef ref = ArgoSourceIds.gitSource(HTTPS, "main").orElseThrow();
        String hash = GitMirrors.sha256("github.com/org/fleet\nmain").substring(0, 12);
        assertEquals("source.toolkit.fluxcd.io/GitRepository//argocd-" + hash, ref.id());
    }

    @Test
    void spellingsOfOneRepositoryAndOfHeadAreOneSource() {
        ObjectRef https = ArgoSourceIds.gitSource(HTTPS, "main").orElseThrow();
        assertEquals(https, ArgoSourceIds.gitSource("git@github.com:org/fleet.git", " main ").orElseThrow());
        assertEquals(https, ArgoSourceIds.gitSource("ssh://git@github.com:22/org/fleet", "main").orElseThrow());
        assertEquals(https, ArgoSourceIds.gitSource("https://github.com/org/fleet/", "main").orElseThrow());
        assertEquals(ArgoSourceIds.gitSource(HTTPS, "HEAD"), ArgoSourceIds.gitSource(HTTPS, ""));
        assertEquals(ArgoSourceIds.gitSource(HTTPS, "HEAD"), ArgoSourceIds.gitSource(HTTPS, null));
        assertTrue(!https.equals(ArgoSourceIds.gitSource(HTTPS, "v1.0.0").orElseThrow()));
    }

    @Test
    void readsGitSourcesAndLeavesChartsToHelm() {
        Map<String, Object> application = Map.of("spec", Map.of("sources", List.of(
                Map.of("repoURL", "git@github.com:org/fleet.git", "targetRevision", "main", "path", "apps"),
                Map.of("repoURL", HTTPS, "targetRevision", "main", "ref", "values"),
                Map.of("repoURL", "https://charts.example.com", "chart", "web", "targetRevision", "1.x"),
                Map.of("repoURL", "oci://registry.example.com/charts", "path", "x"),
                Map.of("path", "apps"))));

        ArgoGitRepositories.Parsed parsed = ArgoGitRepositories.parse(application);
        assertEquals(1, parsed.sources().size(), "the two spellings of one repository at one revision are one source");
        ArgoGitRepositories.Wanted wanted = parsed.sources().get(0);
        assertEquals("ssh://git@github.com/org/fleet.git", wanted.url(), "an scp-like address becomes an ssh:// URL");
        assertEquals(new GitReference(null, null, null, null, null, "main"), wanted.reference());
        assertEquals(List.of("spec.sources[3].repoURL 'oci://registry.example.com/charts' is not a Git repository URL"
                + " (https://, http://, ssh://, git://, file:// or user@host:path)",
                "spec.sources[4].repoURL is required"), parsed.problems());
    }

    @Test
    void aTargetRevisionIsACommitARangeOrAName() {
        assertEquals(new GitReference(null, null, null, null, SHA), ArgoTargetRevision.reference(SHA.toUpperCase()));
        assertEquals(new GitReference(null, null, "1.2.*", null, null), ArgoTargetRevision.reference("1.2.*"));
        assertEquals(new GitReference(null, null, ">=1.0 <2.0", null, null), ArgoTargetRevision.reference(">=1.0 <2.0"));
        for (String name : List.of("v1.2.3", "1.2", "main", "fix-x", "HEAD", "refs/pull/1/head")) {
            assertEquals(new GitReference(null, null, null, null, null, name), ArgoTargetRevision.reference(name), name);
        }
    }

    @Test
    void aNameResolvesToABranchFirstThenATag() {
        Map<String, Ref> refs = Map.of(
                "refs/heads/main", ref("refs/heads/main", 1),
                "refs/heads/release", ref("refs/heads/release", 2),
                "refs/tags/release", ref("refs/tags/release", 3),
                "refs/tags/v1", ref("refs/tags/v1", 4),
                "HEAD", new SymbolicRef("HEAD", ref("refs/heads/main", 1)));
        assertEquals(Optional.of("refs/heads/release"), ArgoTargetRevision.remoteRef("release", refs));
        assertEquals(Optional.of("refs/tags/v1"), ArgoTargetRevision.remoteRef("v1", refs));
        assertEquals(Optional.of("refs/tags/v1"), ArgoTargetRevision.remoteRef("refs/tags/v1", refs));
        assertEquals(Optional.of("refs/heads/main"), ArgoTargetRevision.remoteRef("HEAD", refs));
        assertEquals(Optional.empty(), ArgoTargetRevision.remoteRef("missing", refs));
    }

    @Test
    void withoutTheSymrefHeadIsTheBranchAtItsCommit() {
        Map<String, Ref> refs = Map.of(
                "refs/heads/aaa", ref("refs/heads/aaa", 1),
                "refs/heads/main", ref("refs/heads/main", 1),
                "refs/heads/other", ref("refs/heads/other", 2),
                "HEAD", ref("HEAD", 1));
        assertEquals(Optional.of("refs/heads/main"), ArgoTargetRevision.remoteRef("HEAD", refs));
    }

    private static Ref ref(String name, int commit) {
        return new ObjectIdRef.PeeledNonTag(Ref.Storage.NETWORK, name,
                ObjectId.fromString(String.format("%040x", commit)));
    }
}
