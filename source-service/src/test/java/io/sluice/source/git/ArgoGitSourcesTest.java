package io.sluice.source.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Documents;
import io.sluice.api.ObjectRef;
import io.sluice.api.argo.Application;
import io.sluice.api.argo.ArgoSourceIds;
import io.sluice.api.argo.ImplicitSource;
import io.sluice.api.source.GitRepositoryRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectIdRef;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.SymbolicRef;
import org.junit.jupiter.api.Test;

/** How Argo CD Applications' repoURL and targetRevision become implicit sources, and how a targetRevision resolves. */
class ArgoGitSourcesTest {
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
    void readsTheGitSourcesArgoCdRendersAndLeavesChartsToHelm() {
        Application application = Documents.valid(Application.KIND, """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: fleet, namespace: argocd}
                spec:
                  project: default
                  destination: {server: https://kubernetes.default.svc, namespace: fleet}
                  source:
                    repoURL: https://github.com/org/ignored.git
                    path: apps
                  sources:
                    - {repoURL: 'git@github.com:org/fleet.git', targetRevision: main, path: apps}
                    - {repoURL: '%s', targetRevision: main, ref: values}
                    - {repoURL: 'https://charts.example.com', chart: web, targetRevision: 1.x}
                """.formatted(HTTPS));

        List<ImplicitSource.Git> sources = ArgoGitSources.gitSources(application);
        assertEquals(List.of(ArgoSourceIds.gitSource(HTTPS, "main").orElseThrow()),
                sources.stream().map(ImplicitSource.Git::ref).distinct().toList(),
                "spec.source is not read when spec.sources is set, as in Argo CD; two spellings are one source");
        assertEquals(List.of("ssh://git@github.com/org/fleet.git", HTTPS), sources.stream().map(ImplicitSource.Git::url)
                .toList(), "an scp-like address becomes an ssh:// URL");
        assertEquals(new GitReference(null, "main"), PolledRepository.implicit(sources.get(0), Duration.ofMinutes(3),
                Duration.ofSeconds(60)).reference());
    }

    @Test
    void aTargetRevisionIsACommitARangeOrAName() {
        assertEquals(GitReference.of(new GitRepositoryRef(null, null, null, null, SHA)),
                ArgoTargetRevision.reference(SHA.toUpperCase()));
        assertEquals(GitReference.of(new GitRepositoryRef(null, null, "1.2.*", null, null)),
                ArgoTargetRevision.reference("1.2.*"));
        assertEquals(GitReference.of(new GitRepositoryRef(null, null, ">=1.0 <2.0", null, null)),
                ArgoTargetRevision.reference(">=1.0 <2.0"));
        assertEquals(GitReference.of(new GitRepositoryRef(null, null, ">= 1.0, < 2.0", null, null)),
                ArgoTargetRevision.reference(">= 1.0, < 2.0"), "Masterminds' comma form");
        for (String name : List.of("v1.2.3", "1.2", "main", "fix-x", "HEAD", "refs/pull/1/head", "latest")) {
            assertEquals(new GitReference(null, name), ArgoTargetRevision.reference(name), name);
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
