package io.sluice.apply;

import static io.sluice.apply.ApplyFixture.annotated;
import static io.sluice.apply.ApplyFixture.configMap;
import static io.sluice.apply.ApplyFixture.revision;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.api.ObjectRef;
import io.sluice.api.status.SyncCode;
import io.sluice.events.AppStatus.ResourceStatus;
import io.sluice.events.AppStatus;
import io.sluice.testkit.cluster.ClusterProvider;
import io.sluice.testkit.kafka.KafkaTestResource;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who owns which field: a second server-side apply owner is reported rather than fought; Flux's
 * per-object ssa policies and force are honoured.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ClusterTestResource.class)
class FieldOwnershipTest {
    private final ApplyFixture fixture = ApplyFixture.shared();

    @Inject
    KubernetesClient cluster;

    private ConfigMap configMapIn(String namespace, String name) {
        return ApplyFixture.configMapIn(cluster, namespace, name);
    }

    private static void applyAs(String manager, String namespace, String name, String value) {
        ClusterProvider.shared().kubectlWithInput("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name
                + "\n  namespace: " + namespace + "\ndata:\n  k: " + value + "\n", "apply", "--server-side",
                "--field-manager", manager, "-f", "-");
    }

    @Test
    void aConflictWithAnotherServerSideApplyOwnerIsReportedNotHidden() {
        String ns = ApplyFixture.newNamespace("conflict");
        applyAs("other", ns, "shared", "theirs");
        ObjectRef app = fixture.kustomization("conflict", true, ns);
        fixture.bundle(app, revision("9501"), List.of(configMap("shared", null, Map.of("k", "ours")),
                configMap("mine", null, Map.of("k", "ours"))));

        AppStatus status = fixture.awaitStatus(app, "conflict", s -> s.message().startsWith("apply failed"));
        String expected = "ConfigMap/" + ns + "/shared: conflict: .data.k is owned by field manager \"other\""
                + " (server-side apply); Sluice does not take fields from another server-side apply owner";
        assertTrue(status.message().contains(expected), status.message());
        assertEquals(SyncCode.OUT_OF_SYNC, status.sync());
        ResourceStatus shared = status.resources().stream().filter(r -> r.ref().name().equals("shared")).findFirst()
                .orElseThrow();
        assertEquals(SyncCode.OUT_OF_SYNC, shared.sync());
        assertTrue(fixture.awaitEvent(app, "ReconciliationFailed", e -> true).message().contains(expected));
        assertEquals("theirs", configMapIn(ns, "shared").getData().get("k"), "the other owner's value stays");
        assertEquals("ours", configMapIn(ns, "mine").getData().get("k"), "the rest is applied");
    }

    @Test
    void fluxSsaPoliciesIfNotPresentIgnoreAndMerge() {
        String ns = ApplyFixture.newNamespace("ssa");
        cluster.configMaps().inNamespace(ns).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("seeded").endMetadata().addToData("k", "theirs").build()).create();
        cluster.configMaps().inNamespace(ns).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("merged").endMetadata().addToData("k", "theirs").build()).create();
        ObjectRef app = fixture.kustomization("ssa", true, ns);
        Map<String, String> ifNotPresent = Map.of("kustomize.toolkit.fluxcd.io/ssa", "IfNotPresent");
        fixture.bundle(app, revision("9601"), List.of(
                annotated(configMap("seeded", null, Map.of("k", "ours")), ifNotPresent),
                annotated(configMap("fresh", null, Map.of("k", "ours")), ifNotPresent),
                annotated(configMap("ignored", null, Map.of("k", "ours")), Map.of("kustomize.toolkit.fluxcd.io/ssa",
                        "Ignore")),
                annotated(configMap("merged", null, Map.of("k", "ours")), Map.of("kustomize.toolkit.fluxcd.io/ssa",
                        "Merge"))));

        AppStatus status = fixture.awaitStatus(app, "merge conflict", s -> s.message().startsWith("apply failed"));
        assertTrue(status.message().contains("ConfigMap/" + ns + "/merged: conflict: .data.k is owned by field"
                + " manager"), status.message());
        assertTrue(status.message().contains("kustomize.toolkit.fluxcd.io/ssa: Merge"), status.message());
        assertEquals("theirs", configMapIn(ns, "merged").getData().get("k"), "Merge takes no field of another manager");
        assertEquals("theirs", configMapIn(ns, "seeded").getData().get("k"), "IfNotPresent never updates");
        assertEquals("ours", configMapIn(ns, "fresh").getData().get("k"), "IfNotPresent creates what is missing");
        assertNull(configMapIn(ns, "ignored"), "Ignore never applies");
    }

    @Test
    void forceRecreatesAnObjectWhoseImmutableFieldsChanged() {
        String ns = ApplyFixture.newNamespace("force");
        ObjectRef app = fixture.appliedApp("force", true, ns, revision("9701"), List.of(immutable("v1", Map.of())));
        String uid = configMapIn(ns, "frozen").getMetadata().getUid();

        fixture.bundle(app, revision("9702"), List.of(immutable("v2", Map.of())));
        AppStatus refused = fixture.awaitStatus(app, "immutable", s -> s.message().startsWith("apply failed"));
        assertTrue(refused.message().contains("ConfigMap/" + ns + "/frozen: "), refused.message());
        assertTrue(refused.message().contains("immutable"), refused.message());
        assertTrue(refused.message().contains("annotate it kustomize.toolkit.fluxcd.io/force: Enabled"),
                refused.message());
        assertEquals("v1", configMapIn(ns, "frozen").getData().get("k"));

        fixture.bundle(app, revision("9703"), List.of(immutable("v2", Map.of("kustomize.toolkit.fluxcd.io/force",
                "Enabled"))));
        AppStatus forced = fixture.awaitRevision(app, revision("9703"));
        assertEquals(SyncCode.SYNCED, forced.sync(), forced.message());
        ConfigMap frozen = configMapIn(ns, "frozen");
        assertEquals("v2", frozen.getData().get("k"));
        assertNotEquals(uid, frozen.getMetadata().getUid(), "deleted and created again");
    }

    private static Map<String, Object> immutable(String value, Map<String, String> annotations) {
        Map<String, Object> object = new LinkedHashMap<>(annotated(configMap("frozen", null, Map.of("k", value)),
                annotations));
        object.put("immutable", true);
        return object;
    }
}
