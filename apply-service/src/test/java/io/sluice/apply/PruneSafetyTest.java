package io.sluice.apply;

import static io.sluice.apply.ApplyFixture.annotated;
import static io.sluice.apply.ApplyFixture.configMap;
import static io.sluice.apply.ApplyFixture.ids;
import static io.sluice.apply.ApplyFixture.revision;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.api.ObjectRef;
import io.sluice.api.status.SyncCode;
import io.sluice.events.AppStatus.ResourceStatus;
import io.sluice.events.AppStatus;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.process.Deadline;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Prune happens last and only when it is safe: after every object of the new revision is applied,
 * never on a failed or an empty render (unless an Argo CD Application allows empty), never of an
 * object that opted out.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ClusterTestResource.class)
class PruneSafetyTest {
    private final ApplyFixture fixture = ApplyFixture.shared();

    @Inject
    KubernetesClient cluster;

    private ConfigMap configMapIn(String namespace, String name) {
        return ApplyFixture.configMapIn(cluster, namespace, name);
    }

    @Test
    void pruneLastDeletesAfterAllAppliesAndWavesGoInOrder() {
        String ns = ApplyFixture.newNamespace("prunelast");
        ObjectRef app = fixture.argoApplication("prunelast", ns, Map.of("prune", true), List.of("PruneLast=true"));
        fixture.bundle(app, revision("9101"), List.of(configMap("old", null, Map.of("k", "v"))));
        fixture.awaitRevision(app, revision("9101"));

        try (WatchedConfigMaps watched = new WatchedConfigMaps(cluster, ns)) {
            // Listed against their wave order: the waves, not the bundle's order, decide.
            fixture.bundle(app, revision("9102"), List.of(
                    annotated(configMap("third", null, Map.of("k", "3")), Map.of("argocd.argoproj.io/sync-wave", "2")),
                    annotated(configMap("second", null, Map.of("k", "2")), Map.of("argocd.argoproj.io/sync-wave", "1")),
                    annotated(configMap("first", null, Map.of("k", "1")), Map.of("argocd.argoproj.io/sync-wave", "-1"))));
            AppStatus status = fixture.awaitRevision(app, revision("9102"));
            assertEquals(SyncCode.SYNCED, status.sync(), status.message());
            Deadline.until("old to be pruned and its deletion watched", ApplyFixture.TIMEOUT,
                    () -> watched.first("DELETED", "old") >= 0);

            int deleted = watched.first("DELETED", "old");
            assertTrue(watched.first("ADDED", "first") < watched.first("ADDED", "second")
                    && watched.first("ADDED", "second") < watched.first("ADDED", "third"), "waves -1, 1, 2 in order: "
                    + watched.changes());
            for (String name : List.of("first", "second", "third")) {
                assertTrue(watched.first("ADDED", name) < deleted, "pruned after " + name + " was applied: "
                        + watched.changes());
            }
            assertEquals(List.of("/ConfigMap/" + ns + "/first", "/ConfigMap/" + ns + "/second",
                    "/ConfigMap/" + ns + "/third"), ids(status.inventory()));
        }
    }

    @Test
    void anInvalidRenderAndAnEmptyRenderLeaveEveryObjectInPlace() {
        String ns = ApplyFixture.newNamespace("safe");
        ObjectRef app = fixture.appliedApp("safe", true, ns, revision("9201"),
                List.of(configMap("a", null, Map.of("k", "1")), configMap("b", null, Map.of("k", "2"))));
        String a = configMapIn(ns, "a").getMetadata().getResourceVersion();
        String b = configMapIn(ns, "b").getMetadata().getResourceVersion();

        fixture.failedBundle(app, revision("9202"), "apps/kustomization.yaml: accumulating resources: no such file");
        fixture.awaitEvent(app, "ReconciliationFailed", e -> revision("9202").equals(e.revision()));
        fixture.bundle(app, revision("9203"), List.of());
        fixture.awaitEvent(app, "PruneSkipped", e -> revision("9203").equals(e.revision()));

        AppStatus status = fixture.awaitStatus(app, "empty bundle refused", s -> s.message().contains("no objects"));
        assertEquals("revision " + revision("9203") + " rendered no objects: nothing applied or pruned"
                + " (an empty build never prunes a Kustomization)", status.message());
        assertEquals(2, status.inventory().size());
        assertEquals(a, configMapIn(ns, "a").getMetadata().getResourceVersion(), "a untouched");
        assertEquals(b, configMapIn(ns, "b").getMetadata().getResourceVersion(), "b untouched");
    }

    @Test
    void anArgoApplicationPrunesEverythingOnAnEmptyRevisionOnlyWithAllowEmpty() {
        String strictNs = ApplyFixture.newNamespace("strict");
        ObjectRef strict = fixture.argoApplication("strict", strictNs, Map.of("prune", true), List.of());
        String emptyNs = ApplyFixture.newNamespace("allowempty");
        ObjectRef allowing = fixture.argoApplication("allowing", emptyNs, Map.of("prune", true, "allowEmpty", true),
                List.of());
        for (ObjectRef app : List.of(strict, allowing)) {
            fixture.bundle(app, revision("9301"), List.of(ApplyFixture.SETTINGS));
            fixture.awaitRevision(app, revision("9301"));
            fixture.bundle(app, revision("9302"), List.of());
        }

        AppStatus emptied = fixture.awaitRevision(allowing, revision("9302"));
        assertEquals(List.of(), emptied.inventory());
        Deadline.until("settings to be pruned", ApplyFixture.TIMEOUT, () -> configMapIn(emptyNs, "settings") == null);
        AppStatus refused = fixture.awaitStatus(strict, "refused", s -> s.message().contains("no objects"));
        assertTrue(refused.message().endsWith("(set spec.syncPolicy.automated.allowEmpty: true to let an empty"
                + " revision prune everything)"), refused.message());
        assertNotNull(configMapIn(strictNs, "settings"));
    }

    @Test
    void objectsOptedOutOfPruneStayFluxForgetsThemArgoReportsThem() {
        String fluxNs = ApplyFixture.newNamespace("optout-flux");
        String argoNs = ApplyFixture.newNamespace("optout-argo");
        ObjectRef flux = fixture.kustomization("optout", true, fluxNs);
        ObjectRef argo = fixture.argoApplication("optout", argoNs, Map.of("prune", true, "selfHeal", true), List.of());
        List<Map<String, Object>> objects = List.of(configMap("plain", null, Map.of("k", "1")),
                annotated(configMap("flux-kept", null, Map.of("k", "2")),
                        Map.of("kustomize.toolkit.fluxcd.io/prune", "disabled")),
                annotated(configMap("argo-kept", null, Map.of("k", "3")),
                        Map.of("argocd.argoproj.io/sync-options", "Prune=false")),
                annotated(configMap("never-deleted", null, Map.of("k", "4")),
                        Map.of("argocd.argoproj.io/sync-options", "Delete=false")));
        for (ObjectRef app : List.of(flux, argo)) {
            fixture.bundle(app, revision("9401"), objects);
            fixture.awaitRevision(app, revision("9401"));
            fixture.bundle(app, revision("9402"), List.of(ApplyFixture.SETTINGS));
        }

        AppStatus fluxStatus = fixture.awaitRevision(flux, revision("9402"));
        assertEquals(SyncCode.SYNCED, fluxStatus.sync());
        assertEquals(List.of("/ConfigMap/" + fluxNs + "/settings"), ids(fluxStatus.inventory()), "Flux forgets them");
        AppStatus argoStatus = fixture.awaitRevision(argo, revision("9402"));
        assertEquals(SyncCode.OUT_OF_SYNC, argoStatus.sync(), "Argo CD: requires pruning");
        assertTrue(argoStatus.message().contains("3 objects require pruning but opted out of it"),
                argoStatus.message());
        ResourceStatus kept = argoStatus.resources().stream().filter(r -> r.ref().name().equals("argo-kept"))
                .findFirst().orElseThrow();
        assertEquals(SyncCode.OUT_OF_SYNC, kept.sync());
        assertTrue(kept.message().contains("requires pruning"), kept.message());
        for (String ns : List.of(fluxNs, argoNs)) {
            Deadline.until("plain to be pruned in " + ns, ApplyFixture.TIMEOUT, () -> configMapIn(ns, "plain") == null);
            for (String name : List.of("flux-kept", "argo-kept", "never-deleted")) {
                assertNotNull(configMapIn(ns, name), name + " opted out of prune in " + ns);
            }
        }
    }
}
