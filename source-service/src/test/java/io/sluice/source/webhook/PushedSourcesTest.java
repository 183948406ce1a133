package io.sluice.source.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.api.ObjectRef;
import io.sluice.api.argo.ArgoSourceIds;
import io.sluice.events.ConfigDocument;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which GitRepositories (and implicit Argo CD sources) a push concerns, by URL and by each kind of ref. */
class PushedSourcesTest {
    private static final String URL = "https://github.com/org/fleet.git";
    private static final String IN_CLUSTER = "https://kubernetes.default.svc";
    private final Map<String, ConfigDocument> config = new HashMap<>();

    @Test
    void matchesTheRefEachGitRepositoryFollows() {
        gitRepository("main", URL, Map.of("branch", "main"));
        gitRepository("default", "ssh://git@github.com/org/fleet.git", Map.of());
        gitRepository("tag", URL, Map.of("tag", "v1.2.0"));
        gitRepository("semver", URL, Map.of("semver", ">=1.0.0"));
        gitRepository("name", URL, Map.of("name", "refs/heads/release"));
        gitRepository("commit", URL, Map.of("branch", "main", "commit", "0".repeat(40)));
        gitRepository("elsewhere", "https://github.com/org/other.git", Map.of("branch", "main"));
        ObjectRef kustomization = new ObjectRef("kustomize.toolkit.fluxcd.io/v1", "Kustomization", "flux-system",
                "main");
        config.put(kustomization.id(), document(kustomization, Map.of("url", URL)));
        ObjectRef broken = new ObjectRef("source.toolkit.fluxcd.io/v1", "GitRepository", "flux-system", "broken");
        config.put(broken.id(), document(broken, Map.of("url", URL, "ref", Map.of("branch", "main"))));

        assertEquals(List.of("main"), names(push("refs/heads/main")), "a document that does not read concerns no push");
        assertEquals(List.of("default"), names(push("refs/heads/master")), "no ref: master, as in Flux");
        assertEquals(List.of("semver", "tag"), names(push("refs/tags/v1.2.0")));
        assertEquals(List.of("semver"), names(push("refs/tags/v2.0.0")));
        assertEquals(List.of("name"), names(push("refs/heads/release")));
        assertEquals(List.of(), names(new Push(List.of("https://github.com/org/unknown"), List.of("refs/heads/main"))));
    }

    @Test
    void matchesTheImplicitSourcesOfArgoApplications() {
        application("head", "git@github.com:org/fleet.git", "");
        application("branch", URL, "main");
        application("tag", URL, "v1.2.0");
        application("range", URL, "1.*");
        application("pinned", URL, "0".repeat(40));
        application("other", "https://github.com/org/other.git", "main");

        assertEquals(Set.of(implicit("HEAD"), implicit("main")), Set.copyOf(PushedSources.of(push("refs/heads/main"),
                config)));
        assertEquals(Set.of(implicit("HEAD")), Set.copyOf(PushedSources.of(push("refs/heads/feature"), config)),
                "HEAD follows the default branch, which a push does not name");
        assertEquals(Set.of(implicit("v1.2.0"), implicit("1.*")), Set.copyOf(PushedSources.of(push("refs/tags/v1.2.0"),
                config)));
    }

    private static ObjectRef implicit(String targetRevision) {
        return ArgoSourceIds.gitSource(URL, targetRevision).orElseThrow();
    }

    private void application(String name, String repoUrl, String targetRevision) {
        ObjectRef ref = new ObjectRef("argoproj.io/v1alpha1", "Application", "argocd", name);
        config.put(ref.id(), document(ref, Map.of("project", "default", "destination", Map.of("server", IN_CLUSTER,
                "namespace", "apps"), "source", Map.of("repoURL", repoUrl, "targetRevision", targetRevision,
                "path", "apps"))));
    }

    private Push push(String ref) {
        return new Push(List.of("https://github.com/org/fleet"), List.of(ref));
    }

    private List<String> names(Push push) {
        return PushedSources.of(push, config).stream().map(ObjectRef::name).toList();
    }

    private void gitRepository(String name, String url, Map<String, Object> ref) {
        ObjectRef objectRef = new ObjectRef("source.toolkit.fluxcd.io/v1", "GitRepository", "flux-system", name);
        config.put(objectRef.id(), document(objectRef, Map.of("url", url, "interval", "1m", "ref", ref)));
    }

    private static ConfigDocument document(ObjectRef ref, Map<String, Object> spec) {
        return ConfigDocument.of(ref, "test", Map.of("apiVersion", ref.apiVersion(), "kind", ref.kind(),
                "metadata", Map.of("name", ref.name(), "namespace", ref.namespace()), "spec", spec));
    }
}
