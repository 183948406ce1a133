package io.sluice.testkit.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testkit.cluster.ClusterProvider.Cluster;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The API semantics Sluice relies on and that a mock server gets wrong (fabric8's kubernetes-server-mock
 * was tried and refused): field ownership, merge-patch lists, set-based selectors, dry runs, watches,
 * discovery and CRDs.
 */
class ControlPlaneSemanticsTest {
    private final Cluster cluster = ClusterProvider.shared();

    private void apply(String manager, String yaml, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("apply", "--server-side", "--field-manager=" + manager,
                "-f", "-"));
        args.addAll(List.of(extra));
        cluster.kubectlWithInput(yaml, args.toArray(String[]::new));
    }

    @Test
    void aFieldTheManagerStopsSendingIsRemoved() {
        String ns = cluster.newNamespace("owned");
        apply("sluice", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: %s}
                data: {kept: "1", dropped: "2"}
                """.formatted(ns));
        apply("sluice", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: %s}
                data: {kept: "1"}
                """.formatted(ns));
        assertEquals("{\"kept\":\"1\"}",
                cluster.kubectl("get", "configmap", "settings", "-n", ns, "-o", "jsonpath={.data}").strip());
    }

    @Test
    void jsonMergePatchReplacesListsWhole() {
        String ns = cluster.newNamespace("merge");
        apply("sluice", """
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: robot, namespace: %s}
                imagePullSecrets: [{name: a}, {name: b}]
                """.formatted(ns));
        cluster.kubectl("patch", "serviceaccount", "robot", "-n", ns, "--type=merge",
                "-p", "{\"imagePullSecrets\":[{\"name\":\"c\"}]}");
        assertEquals("c", cluster.kubectl("get", "serviceaccount", "robot", "-n", ns, "-o",
                "jsonpath={.imagePullSecrets[*].name}").strip());
    }

    @Test
    void setBasedSelectorsFilter() {
        String ns = cluster.newNamespace("selectors");
        for (String tier : List.of("web", "api", "db")) {
            apply("sluice", """
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: %1$s, namespace: %2$s, labels: {tier: %1$s}}
                    """.formatted(tier, ns));
        }
        String selected = cluster.kubectl("get", "configmaps", "-n", ns, "-l", "tier in (web,api)", "-o",
                "jsonpath={.items[*].metadata.name}");
        assertEquals(List.of("api", "web"), List.of(selected.strip().split(" ")).stream().sorted().toList());
        assertEquals("db", cluster.kubectl("get", "configmaps", "-n", ns, "-l", "tier notin (web,api),tier",
                "-o", "jsonpath={.items[*].metadata.name}").strip());
    }

    @Test
    void aServerSideDryRunPersistsNothing() {
        String ns = cluster.newNamespace("dryrun");
        apply("sluice", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: imagined, namespace: %s}
                data: {a: "1"}
                """.formatted(ns), "--dry-run=server");
        var get = cluster.run(null, "get", "configmap", "imagined", "-n", ns);
        assertNotEquals(0, get.exitCode());
        assertTrue(get.stderr().contains("NotFound"), get.stderr());
    }

    @Test
    void aWatchFromAResourceVersionDeliversTheChangesSince() {
        String ns = cluster.newNamespace("watch");
        apply("sluice", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: watched, namespace: %s}
                data: {step: "1"}
                """.formatted(ns));
        String since = cluster.kubectl("get", "configmap", "watched", "-n", ns, "-o",
                "jsonpath={.metadata.resourceVersion}").strip();
        apply("sluice", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: watched, namespace: %s}
                data: {step: "2"}
                """.formatted(ns));
        String events = cluster.kubectl("get", "--raw", "/api/v1/namespaces/" + ns
                + "/configmaps?watch=true&timeoutSeconds=2&fieldSelector=metadata.name%3Dwatched&resourceVersion="
                + since);
        assertTrue(events.contains("\"type\":\"MODIFIED\"") && events.contains("\"step\":\"2\""), events);
        assertFalse(events.contains("\"step\":\"1\""), "the watch starts after the given version: " + events);
    }

    @Test
    void discoveryListsTheBuiltInKinds() {
        List<String> resources = List.of(cluster.kubectl("api-resources", "-o", "name").split("\\s+"));
        for (String expected : List.of("namespaces", "configmaps", "secrets", "services", "deployments.apps",
                "statefulsets.apps", "jobs.batch", "customresourcedefinitions.apiextensions.k8s.io",
                "clusterroles.rbac.authorization.k8s.io")) {
            assertTrue(resources.contains(expected), expected + " not in " + resources);
        }
    }

    @Test
    void anEstablishedCrdServesItsCustomResources() {
        String ns = cluster.newNamespace("crd");
        apply("sluice", """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: widgets.semantics.sluice.io}
                spec:
                  group: semantics.sluice.io
                  scope: Namespaced
                  names: {plural: widgets, singular: widget, kind: Widget}
                  versions:
                    - name: v1
                      served: true
                      storage: true
                      schema:
                        openAPIV3Schema:
                          type: object
                          x-kubernetes-preserve-unknown-fields: true
                """);
        cluster.kubectl("wait", "--for=condition=Established", "--timeout=60s",
                "crd/widgets.semantics.sluice.io");
        apply("sluice", """
                apiVersion: semantics.sluice.io/v1
                kind: Widget
                metadata: {name: sprocket, namespace: %s}
                spec: {size: 3}
                """.formatted(ns));
        assertEquals("3", cluster.kubectl("get", "widgets.semantics.sluice.io", "sprocket", "-n", ns, "-o",
                "jsonpath={.spec.size}").strip());
    }
}
