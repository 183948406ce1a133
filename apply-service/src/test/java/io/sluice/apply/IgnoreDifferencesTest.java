package io.sluice.apply;

import static io.sluice.apply.ApplyFixture.configMap;
import static io.sluice.apply.ApplyFixture.deployment;
import static io.sluice.apply.ApplyFixture.revision;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.api.ObjectRef;
import io.sluice.api.status.SyncCode;
import io.sluice.events.AppStatus.ResourceStatus;
import io.sluice.events.AppStatus;
import io.sluice.events.Json;
import io.sluice.testkit.cluster.ClusterProvider;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.process.Deadline;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Argo CD's spec.ignoreDifferences on the real control plane: an ignored field changed in the
 * cluster (an HPA's replicas, a container image set by hand, fields of a trusted manager) is
 * neither reverted by self-heal nor reported; a sync for another reason applies Git's value, or
 * with RespectIgnoreDifferences=true keeps the live one. Each test proves that the service saw the
 * ignored change by changing a field it does not ignore afterwards and waiting for that correction.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ClusterTestResource.class)
class IgnoreDifferencesTest {
    private static final String ARGO = "argoproj.io/v1alpha1";
    private static final Map<String, Object> REPLICAS_IGNORED = Map.of("group", "apps", "kind", "Deployment",
            "jsonPointers", List.of("/spec/replicas"));
    private final ApplyFixture fixture = ApplyFixture.shared();

    @Inject
    KubernetesClient cluster;

    private static String kubectl(String... args) {
        return ClusterProvider.shared().kubectl(args);
    }

    /** An automated Argo CD Application with prune and selfHeal into {@code ns}. */
    private ObjectRef application(String ns, List<String> syncOptions, List<Map<String, Object>> ignoreDifferences) {
        return fixture.application(ARGO, "Application", "argocd", ns, Map.of(
                "destination", Map.of("server", "https://kubernetes.default.svc", "namespace", ns),
                "syncPolicy", Map.of("automated", Map.of("prune", true, "selfHeal", true), "syncOptions", syncOptions),
                "ignoreDifferences", ignoreDifferences));
    }

    private ObjectRef applied(String ns, List<String> syncOptions, List<Map<String, Object>> ignoreDifferences) {
        ObjectRef app = application(ns, syncOptions, ignoreDifferences);
        fixture.bundle(app, revision("1d01"), List.of(deployment("web", 1, 600), settings()));
        fixture.awaitRevision(app, revision("1d01"));
        return app;
    }

    private static Map<String, Object> settings() {
        return configMap("settings", null, Map.of("color", "blue"));
    }

    private Deployment web(String ns) {
        return cluster.apps().deployments().inNamespace(ns).withName("web").get();
    }

    private String image(String ns) {
        return web(ns).getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    /**
     * Changes a field that is not ignored and waits until self-heal sets it right: the service has
     * then reconciled the application after every change made before, and its event names only that field.
     */
    private void awaitReconciledAfterAChange(ObjectRef app, String ns) {
        kubectl("patch", "configmap", "settings", "-n", ns, "-p", "{\"data\":{\"color\":\"red\"}}");
        Deadline.until("color back to blue", ApplyFixture.TIMEOUT, () -> "blue".equals(cluster.configMaps()
                .inNamespace(ns).withName("settings").get().getData().get("color")));
        assertEquals("Corrected drift from revision " + revision("1d01") + ": ConfigMap/" + ns + "/settings at"
                + " /data/color", fixture.awaitEvent(app, "DriftCorrected", e -> true).message());
    }

    private static ResourceStatus resource(AppStatus status, String kind) {
        return status.resources().stream().filter(r -> kind.equals(r.ref().kind())).findFirst().orElseThrow();
    }

    @Test
    void scaledReplicasIgnoredAreNeitherRevertedNorReportedAndRespectKeepsThemOnAGitChange() {
        String ns = ApplyFixture.newNamespace("hpa");
        ObjectRef app = applied(ns, List.of("RespectIgnoreDifferences=true", "ApplyOutOfSyncOnly=true"),
                List.of(REPLICAS_IGNORED));

        kubectl("scale", "deployment", "web", "-n", ns, "--replicas=3");
        awaitReconciledAfterAChange(app, ns);
        assertEquals(3, web(ns).getSpec().getReplicas(), "self-heal reverted an ignored field");

        fixture.command(app, "sync", Map.of("dryRun", "true"));
        AppStatus diff = fixture.awaitStatus(app, "dry run", s -> s.message().startsWith("Dry run by test-user"));
        assertEquals("Dry run by test-user for revision " + revision("1d01") + ": no changes (2 unchanged)",
                diff.message());
        assertEquals(SyncCode.SYNCED, diff.sync());
        assertEquals(SyncCode.SYNCED, resource(diff, "Deployment").sync());
        assertFalse(Json.write(fixture.events(app)).contains("/spec/replicas"), fixture.events(app).toString());

        fixture.bundle(app, revision("1d02"), List.of(deployment("web", 1, 600, "nginx:1.28"), settings()));
        AppStatus synced = fixture.awaitRevision(app, revision("1d02"));
        assertEquals(SyncCode.SYNCED, synced.sync(), synced.message());
        assertEquals("nginx:1.28", image(ns));
        assertEquals(3, web(ns).getSpec().getReplicas(), "RespectIgnoreDifferences kept the live replicas");
    }

    @Test
    void withoutRespectIgnoreDifferencesASyncForAnotherReasonAppliesGitsReplicas() {
        String ns = ApplyFixture.newNamespace("plain");
        ObjectRef app = applied(ns, List.of(), List.of(REPLICAS_IGNORED));

        kubectl("scale", "deployment", "web", "-n", ns, "--replicas=3");
        awaitReconciledAfterAChange(app, ns);
        assertEquals(3, web(ns).getSpec().getReplicas());

        // As in Argo CD: ignoreDifferences decides the sync status only; the object applied is Git's in full.
        fixture.bundle(app, revision("1d02"), List.of(deployment("web", 1, 600, "nginx:1.28"), settings()));
        fixture.awaitRevision(app, revision("1d02"));
        assertEquals("nginx:1.28", image(ns));
        assertEquals(1, web(ns).getSpec().getReplicas());
    }

    @Test
    void aContainerFieldSelectedByAJqPathExpressionIsLeftAsSetInTheCluster() {
        String ns = ApplyFixture.newNamespace("jq");
        ObjectRef app = applied(ns, List.of(), List.of(Map.of("group", "apps", "kind", "Deployment", "name", "web",
                "jqPathExpressions", List.of(".spec.template.spec.containers[] | select(.name == \"web\") | .image"))));

        kubectl("set", "image", "deployment/web", "-n", ns, "web=nginx:1.29");
        awaitReconciledAfterAChange(app, ns);
        assertEquals("nginx:1.29", image(ns));
        AppStatus status = fixture.awaitStatus(app, "Synced", s -> SyncCode.SYNCED.equals(s.sync()));
        assertEquals(SyncCode.SYNCED, resource(status, "Deployment").sync());
    }

    @Test
    void fieldsOfATrustedManagerAreIgnoredWhileAnotherManagersChangeIsReverted() {
        String ns = ApplyFixture.newNamespace("managers");
        ObjectRef app = applied(ns, List.of("RespectIgnoreDifferences=true"), List.of(Map.of("group", "apps",
                "kind", "Deployment", "managedFieldsManagers", List.of("autoscaler"))));

        kubectl("patch", "deployment", "web", "-n", ns, "--field-manager=autoscaler", "--type=merge",
                "-p", "{\"spec\":{\"replicas\":4}}");
        kubectl("patch", "deployment", "web", "-n", ns, "--field-manager=intruder", "--type=json",
                "-p", "[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\"nginx:0\"}]");

        Deadline.until("the intruder's image to be reverted", ApplyFixture.TIMEOUT,
                () -> "nginx:1.27".equals(image(ns)));
        assertEquals("Corrected drift from revision " + revision("1d01") + ": Deployment/" + ns + "/web at"
                + " /spec/template/spec/containers/0/image", fixture.awaitEvent(app, "DriftCorrected", e -> true)
                .message());
        assertEquals(4, web(ns).getSpec().getReplicas(), "the trusted manager's replicas were overwritten");
    }
}
