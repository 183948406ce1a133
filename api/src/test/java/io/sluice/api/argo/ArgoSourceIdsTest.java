package io.sluice.api.argo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Documents;
import io.sluice.api.ObjectRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The ids of Argo CD's implicit sources: their formulas are fixed, since services publish artifacts under them. */
class ArgoSourceIdsTest {

    @Test
    void theIdsFollowTheDocumentedFormulas() {
        assertEquals("source.toolkit.fluxcd.io/GitRepository//argocd-" + hash("github.com/org/fleet\nmain"),
                ArgoSourceIds.gitSource("https://github.com/Org/Fleet.git", " main ").orElseThrow().id());
        assertEquals("source.toolkit.fluxcd.io/GitRepository//argocd-" + hash("github.com/org/fleet\nHEAD"),
                ArgoSourceIds.gitSource("git@github.com:org/fleet", null).orElseThrow().id());
        assertEquals("source.toolkit.fluxcd.io/HelmChart//argocd-ingress-nginx-"
                + hash("https://kubernetes.github.io/ingress-nginx\ningress-nginx\n4.8.x"),
                ArgoSourceIds.helmChartSource("https://kubernetes.github.io/ingress-nginx/", "ingress-nginx", "4.8.x ")
                        .id());
        assertEquals("source.toolkit.fluxcd.io/HelmRepository//argocd-" + hash("https://charts.example.com"),
                ArgoSourceIds.helmRepository("https://charts.example.com//").id());
    }

    @Test
    void anApplicationsSourcesCarryTheSameIdsAsArgoSourceIdsGives() {
        Application app = Documents.valid(Application.KIND, ApplicationTest.application("""
                  sources:
                    - {repoURL: ' git@github.com:org/fleet.git ', targetRevision: ' main ', path: apps}
                    - {repoURL: 'https://charts.example.com/', chart: ' web ', targetRevision: 1.2}
                """));
        List<ApplicationSource> sources = app.spec().sources();
        assertEquals(ArgoSourceIds.gitSource(" git@github.com:org/fleet.git ", " main ").orElseThrow(),
                sources.get(0).sourceRef());
        assertEquals(ArgoSourceIds.gitSource("https://github.com/org/fleet", "main").orElseThrow(),
                sources.get(0).sourceRef(), "spellings of one repository are one source");
        assertEquals(ArgoSourceIds.helmChartSource("https://charts.example.com/", "web", "1.2"),
                sources.get(1).sourceRef());
    }

    @Test
    void anScpLikeAddressEndsItsHostAtTheFirstColonAsGitAndArgoCdRead() {
        assertEquals(Optional.of("github.com/org/fleet"), ArgoSourceIds.repositoryKey("git@github.com:org/fleet.git"));
        assertEquals(Optional.of("ssh://git@github.com/org/fleet.git"),
                ArgoSourceIds.gitFetchUrl("git@github.com:org/fleet.git"));
        // A colon in the user part: the first colon ends the host, for the id and the URL fetched alike.
        assertEquals(Optional.of("git/x@host:org/repo"), ArgoSourceIds.repositoryKey("git:x@host:org/repo"));
        assertEquals(Optional.of("ssh://git/x@host:org/repo"), ArgoSourceIds.gitFetchUrl("git:x@host:org/repo"));
        assertEquals(Optional.of("ssh://git@github.com:22/org/fleet"),
                ArgoSourceIds.gitFetchUrl("ssh://git@github.com:22/org/fleet"));
        assertEquals(Optional.empty(), ArgoSourceIds.gitFetchUrl("oci://registry.example.com/charts"));
        assertTrue(ArgoSourceIds.isHttpRepository(" https://charts.example.com "));
        assertFalse(ArgoSourceIds.isHttpRepository("oci://registry.example.com/charts"));
    }

    @Test
    void sameRepositorySameIdWhateverTheSpelling() {
        ObjectRef https = ArgoSourceIds.gitSource("https://github.com/org/fleet.git", "main").orElseThrow();
        for (String spelling : List.of("git@github.com:org/fleet.git", "ssh://git@github.com:22/org/fleet",
                "https://github.com/org/fleet/", "http://GitHub.com/org/fleet")) {
            assertEquals(https, ArgoSourceIds.gitSource(spelling, "main").orElseThrow(), spelling);
        }
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
