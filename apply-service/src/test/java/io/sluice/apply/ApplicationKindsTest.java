package io.sluice.apply;

import static io.sluice.apply.ApplyFixture.SETTINGS;
import static io.sluice.apply.ApplyFixture.configMap;
import static io.sluice.apply.ApplyFixture.deployment;
import static io.sluice.apply.ApplyFixture.revision;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.api.ObjectRef;
import io.sluice.api.status.SyncCode;
import io.sluice.events.AppStatus;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.process.Deadline;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bundles of Flux HelmReleases and Argo CD Applications, applied as their specs say, on the real control plane. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ClusterTestResource.class)
class ApplicationKindsTest {
    private static final String HELM = "helm.toolkit.fluxcd.io/v2";
    private static final String ARGO = "argoproj.io/v1alpha1";
    private final ApplyFixture fixture = ApplyFixture.shared();

    @Inject
    KubernetesClient cluster;

    @Test
    void helmReleaseIsAppliedIntoItsTargetNamespaceCreatedOnlyWhenAsked() {
        String ns = unusedNamespace("podinfo");
        ObjectRef release = fixture.application(HELM, "HelmRelease", "flux-system", "podinfo", Map.of(
                "interval", "5m", "targetNamespace", ns, "install", Map.of("createNamespace", true)));
        fixture.bundle(release, revision("7001"), List.of(SETTINGS));

        AppStatus status = fixture.awaitRevision(release, revision("7001"));
        assertEquals(SyncCode.SYNCED, status.sync(), status.message());
        assertNotNull(cluster.configMaps().inNamespace(ns).withName("settings").get());

        String absent = unusedNamespace("nocreate");
        ObjectRef strict = fixture.application(HELM, "HelmRelease", "flux-system", "strict", Map.of(
                "interval", "5m", "targetNamespace", absent));
        fixture.bundle(strict, revision("7002"), List.of(SETTINGS));
        AppStatus refused = fixture.awaitStatus(strict, "refused", s -> s.message().contains("does not exist"));
        assertTrue(refused.message().contains("spec.targetNamespace " + absent), refused.message());
        assertNull(cluster.namespaces().withName(absent).get());
    }

    @Test
    void automatedArgoApplicationCreatesItsNamespaceAndSelfHeals() {
        String ns = unusedNamespace("guestbook");
        ObjectRef app = fixture.application(ARGO, "Application", "argocd", "guestbook", Map.of(
                "destination", Map.of("server", "https://kubernetes.default.svc", "namespace", ns),
                "syncPolicy", Map.of("automated", Map.of("prune", true, "selfHeal", true),
                        "syncOptions", List.of("CreateNamespace=true"),
                        "managedNamespaceMetadata", Map.of("labels", Map.of("team", "guestbook")))));
        fixture.bundle(app, revision("7101"), List.of(SETTINGS));
        AppStatus synced = fixture.awaitRevision(app, revision("7101"));
        assertEquals(SyncCode.SYNCED, synced.sync());
        assertEquals("guestbook", cluster.namespaces().withName(ns).get().getMetadata().getLabels().get("team"));

        cluster.configMaps().inNamespace(ns).withName("settings").edit(cm -> {
            cm.setData(Map.of("k", "changed by hand"));
            return cm;
        });
        Deadline.until("the hand edit to be reverted", ApplyFixture.TIMEOUT,
                () -> "v".equals(cluster.configMaps().inNamespace(ns).withName("settings").get().getData().get("k")));
        fixture.awaitEvent(app, "DriftCorrected", e -> true);
    }

    @Test
    void argoApplicationWithoutAutomatedStaysOutOfSyncUntilSynced() {
        String ns = ApplyFixture.newNamespace("manual");
        ObjectRef app = fixture.application(ARGO, "Application", "argocd", "manual", Map.of(
                "destination", Map.of("name", "in-cluster", "namespace", ns)));
        fixture.bundle(app, revision("7201"), List.of(SETTINGS));

        AppStatus waiting = fixture.awaitStatus(app, "OutOfSync", s -> SyncCode.OUT_OF_SYNC.equals(s.sync()));
        assertTrue(waiting.message().contains("automated sync is off"), waiting.message());
        assertNull(cluster.configMaps().inNamespace(ns).withName("settings").get());

        fixture.command(app, "sync", Map.of());
        AppStatus synced = fixture.awaitRevision(app, revision("7201"));
        assertEquals(SyncCode.SYNCED, synced.sync());
        assertNotNull(cluster.configMaps().inNamespace(ns).withName("settings").get());
    }

    @Test
    void withoutSelfHealAChangeInTheClusterIsReportedNotReverted() {
        String ns = ApplyFixture.newNamespace("noheal");
        ObjectRef app = fixture.application(ARGO, "Application", "argocd", "noheal", Map.of(
                "destination", Map.of("server", "https://kubernetes.default.svc", "namespace", ns),
                "syncPolicy", Map.of("automated", Map.of("prune", true))));
        fixture.bundle(app, revision("7401"), List.of(SETTINGS));
        fixture.awaitRevision(app, revision("7401"));

        cluster.configMaps().inNamespace(ns).withName("settings").edit(cm -> {
            cm.setData(Map.of("k", "secret-ish hand edit"));
            return cm;
        });
        AppStatus drifted = fixture.awaitStatus(app, "OutOfSync", s -> SyncCode.OUT_OF_SYNC.equals(s.sync()));
        assertTrue(drifted.message().contains("self-heal is off") && drifted.message().contains("/data/k"),
                drifted.message());
        String event = fixture.awaitEvent(app, "DriftDetected", e -> true).message();
        assertTrue(!event.contains("secret-ish") && !drifted.message().contains("secret-ish"), "no live values");
        assertEquals("secret-ish hand edit", cluster.configMaps().inNamespace(ns).withName("settings").get()
                .getData().get("k"));
        assertTrue(fixture.events(app).stream().noneMatch(e -> "DriftCorrected".equals(e.reason())));
    }

    @Test
    void orphanPropagationLeavesTheDependents() {
        String ns = ApplyFixture.newNamespace("orphan");
        ObjectRef app = fixture.application(ARGO, "Application", "argocd", "orphan", Map.of(
                "destination", Map.of("server", "https://kubernetes.default.svc", "namespace", ns),
                "syncPolicy", Map.of("automated", Map.of("prune", true),
                        "syncOptions", List.of("PruneLast=true", "PrunePropagationPolicy=orphan"))));
        fixture.bundle(app, revision("7301"), List.of(deployment("web", 1, 600), configMap("keep", null,
                Map.of("k", "v"))));
        fixture.awaitRevision(app, revision("7301"));
        Deadline.until("the Deployment controller to create a ReplicaSet", ApplyFixture.TIMEOUT,
                () -> !cluster.apps().replicaSets().inNamespace(ns).withLabel("app", "web").list().getItems().isEmpty());

        fixture.bundle(app, revision("7302"), List.of(configMap("keep", null, Map.of("k", "v"))));
        fixture.awaitRevision(app, revision("7302"));
        Deadline.until("the Deployment to be deleted", ApplyFixture.TIMEOUT,
                () -> cluster.apps().deployments().inNamespace(ns).withName("web").get() == null);
        var replicaSets = cluster.apps().replicaSets().inNamespace(ns).withLabel("app", "web").list().getItems();
        assertEquals(1, replicaSets.size());
        assertTrue(replicaSets.get(0).getMetadata().getOwnerReferences().isEmpty(), "orphaned, no owner left");
        ConfigMap kept = cluster.configMaps().inNamespace(ns).withName("keep").get();
        assertNotNull(kept);
    }

    @Test
    void aDocumentThatDoesNotReadIsReportedInTheStatusNamingEachError() {
        // Source-service publishes only documents that read; this one comes straight onto Kafka.
        String name = unusedNamespace("invalid");
        ObjectRef app = fixture.document("apps/invalid.yaml", Map.of("apiVersion", ARGO, "kind", "Application",
                "metadata", Map.of("name", name, "namespace", "argocd"), "spec", Map.of(
                        "source", Map.of("repoURL", "https://github.com/example/apps.git"),
                        "destination", Map.of("server", "https://kubernetes.default.svc"),
                        "syncPolicy", Map.of("automated", Map.of(), "syncOptions", List.of("createnamespace=true")))));
        fixture.bundle(app, revision("7501"), List.of(SETTINGS));

        String where = "apps/invalid.yaml: Application argocd/" + name + ": ";
        AppStatus refused = fixture.awaitStatus(app, "refused", s -> s.message() != null
                && s.message().startsWith(where));
        assertEquals(where + "spec.project is required (default for Argo CD's default project); " + where
                + "spec.syncPolicy.syncOptions[0] must be CreateNamespace=true or false, not 'createnamespace=true'",
                refused.message());
        assertTrue(refused.inventory().isEmpty(), "nothing applied");
        assertEquals(refused.message(), fixture.awaitEvent(app, "ReconciliationFailed", e -> true).message());
    }

    private static String unusedNamespace(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
