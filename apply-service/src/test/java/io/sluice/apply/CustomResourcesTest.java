package io.sluice.apply;

import static io.sluice.apply.ApplyFixture.revision;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
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

/**
 * A bundle may define a kind and use it at once, and may hold cluster-scoped objects: the
 * definition is applied (and Established) before its custom resources, whatever the bundle's order.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ClusterTestResource.class)
class CustomResourcesTest {
    private final ApplyFixture fixture = ApplyFixture.shared();

    @Inject
    KubernetesClient cluster;

    @Test
    void aDefinitionIsAppliedBeforeItsResourcesAndClusterScopedObjectsHaveNoNamespace() {
        String group = "t" + UUID.randomUUID().toString().substring(0, 8) + ".sluice.io";
        String ns = ApplyFixture.newNamespace("crd");
        ObjectRef app = fixture.kustomization("widgets", true, ns);
        Map<String, Object> widget = Map.of("apiVersion", group + "/v1", "kind", "Widget",
                "metadata", Map.of("name", "spinner"), "spec", Map.of("speed", 3));
        Map<String, Object> role = Map.of("apiVersion", "rbac.authorization.k8s.io/v1", "kind", "ClusterRole",
                "metadata", Map.of("name", "widget-reader-" + group),
                "rules", List.of(Map.of("apiGroups", List.of(group), "resources", List.of("widgets"),
                        "verbs", List.of("get", "list"))));

        fixture.bundle(app, revision("c0de"), List.of(widget, role, widgetDefinition(group)));

        AppStatus status = fixture.awaitRevision(app, revision("c0de"));
        assertEquals(SyncCode.SYNCED, status.sync(), status.message());
        assertEquals(List.of("apiextensions.k8s.io/CustomResourceDefinition//widgets." + group,
                "rbac.authorization.k8s.io/ClusterRole//widget-reader-" + group,
                group + "/Widget/" + ns + "/spinner"), ApplyFixture.ids(status.inventory()));
        var widgets = cluster.genericKubernetesResources(new ResourceDefinitionContext.Builder().withGroup(group)
                .withVersion("v1").withKind("Widget").withPlural("widgets").withNamespaced(true).build());
        GenericKubernetesResource live = widgets.inNamespace(ns).withName("spinner").get();
        assertNotNull(live);
        assertEquals(3, ((Number) live.get("spec", "speed")).intValue());

        fixture.bundle(app, revision("c1de"), List.of(widgetDefinition(group)));

        fixture.awaitRevision(app, revision("c1de"));
        Deadline.until("the Widget and ClusterRole to be pruned", ApplyFixture.TIMEOUT,
                () -> widgets.inNamespace(ns).withName("spinner").get() == null
                        && cluster.rbac().clusterRoles().withName("widget-reader-" + group).get() == null);
        assertTrue(fixture.awaitEvent(app, "ReconciliationSucceeded", e -> revision("c1de").equals(e.revision()))
                .message().contains("2 pruned"));
    }

    private static Map<String, Object> widgetDefinition(String group) {
        return Map.of("apiVersion", "apiextensions.k8s.io/v1", "kind", "CustomResourceDefinition",
                "metadata", Map.of("name", "widgets." + group),
                "spec", Map.of("group", group, "scope", "Namespaced",
                        "names", Map.of("plural", "widgets", "singular", "widget", "kind", "Widget"),
                        "versions", List.of(Map.of("name", "v1", "served", true, "storage", true,
                                "schema", Map.of("openAPIV3Schema", Map.of("type", "object",
                                        "x-kubernetes-preserve-unknown-fields", true))))));
    }
}
