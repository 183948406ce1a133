package io.sluice.apply;

import static io.sluice.apply.ApplyFixture.SETTINGS;
import static io.sluice.apply.ApplyFixture.configMap;
import static io.sluice.apply.ApplyFixture.deployment;
import static io.sluice.apply.ApplyFixture.ids;
import static io.sluice.apply.ApplyFixture.revision;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
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
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ClusterTestResource.class)
class ApplyAndPruneTest {
    private final ApplyFixture fixture = ApplyFixture.shared();

    @Inject
    KubernetesClient cluster;

    private ConfigMap configMapIn(String namespace, String name) {
        return cluster.configMaps().inNamespace(namespace).withName(name).get();
    }

    @Test
    void appliesTheBundleThenPrunesOnlyWhatItOwnsAndGitNoLongerHas() {
        String ns = ApplyFixture.newNamespace("apply");
        cluster.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata()
                .withName("hand-made").endMetadata().addToData("owner", "a person").build()).create();
        ObjectRef app = fixture.kustomization("web", true, ns);

        fixture.bundle(app, revision("1111"), List.of(
                configMap("settings", "elsewhere", Map.of("color", "blue")),
                configMap("adopted", null, Map.of("color", "green")),
                deployment("web", 1, 600)));

        AppStatus first = fixture.awaitRevision(app, revision("1111"));
        assertEquals(SyncCode.SYNCED, first.sync());
        assertEquals("Applied revision: " + revision("1111"), first.message());
        assertEquals(List.of("/ConfigMap/" + ns + "/settings", "/ConfigMap/" + ns + "/adopted",
                "apps/Deployment/" + ns + "/web"), ids(first.inventory()));
        ConfigMap settings = configMapIn(ns, "settings");
        assertEquals("blue", settings.getData().get("color"), "targetNamespace overrides the object's namespace");
        assertEquals(app.name(), settings.getMetadata().getLabels().get("sluice.io/app-name"));
        assertEquals("flux-system", settings.getMetadata().getLabels().get("sluice.io/app-namespace"));
        assertEquals(app.id(), settings.getMetadata().getAnnotations().get("sluice.io/app"));
        assertTrue(settings.getMetadata().getManagedFields().stream().map(ManagedFieldsEntry::getManager)
                .anyMatch("sluice"::equals), "field manager sluice in " + settings.getMetadata().getManagedFields());
        var web = cluster.apps().deployments().inNamespace(ns).withName("web").get();
        assertTrue(web.getMetadata().getManagedFields().stream()
                .anyMatch(f -> "sluice".equals(f.getManager()) && "Apply".equals(f.getOperation())));
        assertTrue(fixture.awaitEvent(app, "ReconciliationSucceeded", e -> revision("1111").equals(e.revision()))
                .message().contains("3 created"));

        // Someone takes "adopted" over: it no longer names this app, so it is never pruned. The app is
        // suspended meanwhile, or self-heal would put the annotation back at once, as Flux would.
        fixture.suspend(app);
        cluster.configMaps().inNamespace(ns).withName("adopted")
                .edit(cm -> new ConfigMapBuilder(cm).editMetadata().removeFromAnnotations("sluice.io/app").endMetadata()
                        .build());
        fixture.bundle(app, revision("2222"), List.of(deployment("web", 1, 600)));
        fixture.command(app, "resume", Map.of());

        AppStatus second = fixture.awaitRevision(app, revision("2222"));
        assertEquals(List.of("apps/Deployment/" + ns + "/web"), ids(second.inventory()));
        Deadline.until("ConfigMap settings to be pruned", ApplyFixture.TIMEOUT,
                () -> configMapIn(ns, "settings") == null);
        assertNotNull(configMapIn(ns, "adopted"), "an object without this app's annotation is never pruned");
        assertNotNull(configMapIn(ns, "hand-made"), "an object Sluice did not apply is never pruned");
        assertNotNull(cluster.apps().deployments().inNamespace(ns).withName("web").get());
        assertTrue(fixture.awaitEvent(app, "ReconciliationSucceeded", e -> revision("2222").equals(e.revision()))
                .message().contains("1 pruned"));
    }

    @Test
    void aFailedBuildChangesNothingUntilTheNextGoodBundle() {
        String ns = ApplyFixture.newNamespace("failed");
        ObjectRef app = fixture.kustomization("failing", true, ns);
        fixture.bundle(app, revision("aaaa"), List.of(configMap("settings", null, Map.of("color", "blue"))));
        AppStatus good = fixture.awaitRevision(app, revision("aaaa"));
        String resourceVersion = configMapIn(ns, "settings").getMetadata().getResourceVersion();

        fixture.failedBundle(app, revision("bbbb"), "apps/kustomization.yaml: resource missing.yaml not found");

        AppStatus failed = fixture.awaitStatus(app, "build failure", s -> s.message().startsWith("build failed"));
        assertEquals("build failed for revision " + revision("bbbb")
                + ": apps/kustomization.yaml: resource missing.yaml not found", failed.message());
        assertEquals(revision("aaaa"), failed.revision());
        assertEquals(good.bundleDigest(), failed.bundleDigest());
        assertEquals(good.inventory(), failed.inventory());
        assertEquals(SyncCode.SYNCED, failed.sync());
        assertEquals(resourceVersion, configMapIn(ns, "settings").getMetadata().getResourceVersion());
        assertEquals(revision("bbbb"), fixture.awaitEvent(app, "ReconciliationFailed", e -> true).revision());

        fixture.bundle(app, revision("cccc"), List.of(configMap("settings", null, Map.of("color", "red"))));
        assertEquals("Applied revision: " + revision("cccc"), fixture.awaitRevision(app, revision("cccc")).message());
        assertEquals("red", configMapIn(ns, "settings").getData().get("color"));
    }

    @Test
    void withoutPruneRemovedObjectsStay() {
        String ns = ApplyFixture.newNamespace("keep");
        ObjectRef app = fixture.appliedApp("keeper", false, ns, revision("1aaa"),
                List.of(configMap("a", null, Map.of("k", "1")),
                configMap("b", null, Map.of("k", "2"))));

        fixture.bundle(app, revision("2bbb"), List.of(configMap("a", null, Map.of("k", "1"))));
        AppStatus status = fixture.awaitRevision(app, revision("2bbb"));
        assertEquals(List.of("/ConfigMap/" + ns + "/a"), ids(status.inventory()));
        assertNotNull(configMapIn(ns, "b"), "prune: false keeps objects removed from Git");
    }

    @Test
    void aKindTheClusterDoesNotServeIsNamedAndNothingOfThatStageIsApplied() {
        String ns = ApplyFixture.newNamespace("unknown");
        ObjectRef app = fixture.kustomization("widgets", true, ns);
        fixture.bundle(app, revision("dddd"), List.of(configMap("settings", null, Map.of("k", "v")),
                Map.of("apiVersion", "example.com/v1", "kind", "Widget", "metadata", Map.of("name", "spinner"))));

        AppStatus status = fixture.awaitStatus(app, "apply failure", s -> s.message().startsWith("apply failed"));
        assertEquals(SyncCode.OUT_OF_SYNC, status.sync());
        assertTrue(status.message().contains("Widget/spinner: kind Widget of example.com/v1 is not served"),
                status.message());
        assertNull(configMapIn(ns, "settings"));
    }

    @Test
    void anEmptyBundlePrunesNothing() {
        String ns = ApplyFixture.newNamespace("empty");
        ObjectRef app = fixture.appliedApp("emptied", true, ns, revision("eeee"), List.of(SETTINGS));

        fixture.bundle(app, revision("ffff"), List.of());
        fixture.awaitEvent(app, "PruneSkipped", e -> revision("ffff").equals(e.revision()));
        AppStatus status = fixture.awaitStatus(app, "empty bundle refused", s -> s.message().contains("no objects"));
        assertEquals(1, status.inventory().size());
        assertNotNull(configMapIn(ns, "settings"));
    }
}
