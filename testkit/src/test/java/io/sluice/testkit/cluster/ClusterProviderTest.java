package io.sluice.testkit.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testkit.cluster.ClusterProvider.Cluster;
import io.sluice.testkit.process.Deadline;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The cluster behaves as the apply-service relies on: server-side apply with field managers and
 * conflicts, namespace deletion and garbage collection.
 */
class ClusterProviderTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final Cluster cluster = ClusterProvider.shared();

    private static String configMap(String namespace, String name, String value) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                  namespace: %s
                data:
                  color: %s
                """.formatted(name, namespace, value);
    }

    private String color(String namespace, String name) {
        return cluster.kubectl("get", "configmap", name, "-n", namespace, "-o", "jsonpath={.data.color}");
    }

    @Test
    void serverSideApplyCreatesAndUpdatesWithFieldManagerSluice() {
        String ns = cluster.newNamespace("ssa");
        cluster.kubectlWithInput(configMap(ns, "settings", "blue"), "apply", "--server-side",
                "--field-manager=sluice", "-f", "-");
        assertEquals("blue", color(ns, "settings"));
        cluster.kubectlWithInput(configMap(ns, "settings", "green"), "apply", "--server-side",
                "--field-manager=sluice", "-f", "-");
        assertEquals("green", color(ns, "settings"));
        String managers = cluster.kubectl("get", "configmap", "settings", "-n", ns, "--show-managed-fields", "-o",
                "jsonpath={range .metadata.managedFields[*]}{.manager}:{.operation}{\"\\n\"}{end}");
        assertEquals("sluice:Apply", managers.strip());
    }

    @Test
    void conflictingApplyOfAnotherManagerFailsUnlessForced() {
        String ns = cluster.newNamespace("conflict");
        cluster.kubectlWithInput(configMap(ns, "settings", "blue"), "apply", "--server-side",
                "--field-manager=sluice", "-f", "-");

        var refused = cluster.run(configMap(ns, "settings", "red"), "apply", "--server-side",
                "--field-manager=someone-else", "-f", "-");
        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.stderr().toLowerCase().contains("conflict"), refused.stderr());
        assertEquals("blue", color(ns, "settings"));

        cluster.kubectlWithInput(configMap(ns, "settings", "red"), "apply", "--server-side",
                "--field-manager=someone-else", "--force-conflicts", "-f", "-");
        assertEquals("red", color(ns, "settings"));
    }

    @Test
    void deletingANamespaceRemovesItsContents() {
        String ns = cluster.newNamespace("doomed");
        cluster.kubectlWithInput(configMap(ns, "settings", "blue"), "apply", "--server-side", "-f", "-");
        cluster.kubectl("delete", "namespace", ns, "--wait=false");
        Deadline.until("namespace " + ns + " and its ConfigMap to be gone", TIMEOUT,
                () -> cluster.kubectl("get", "namespace", ns, "--ignore-not-found", "-o", "name").isBlank());
        assertTrue(cluster.kubectl("get", "configmaps", "-n", ns, "--ignore-not-found", "-o", "name").isBlank());
    }

    @Test
    void deletingAnOwnerRemovesItsDependents() {
        String ns = cluster.newNamespace("gc");
        cluster.kubectlWithInput(configMap(ns, "owner", "blue"), "apply", "--server-side", "-f", "-");
        String uid = cluster.kubectl("get", "configmap", "owner", "-n", ns, "-o", "jsonpath={.metadata.uid}");
        cluster.kubectlWithInput("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: dependent
                  namespace: %s
                  ownerReferences:
                  - apiVersion: v1
                    kind: ConfigMap
                    name: owner
                    uid: %s
                data:
                  color: blue
                """.formatted(ns, uid), "apply", "--server-side", "-f", "-");
        cluster.kubectl("delete", "configmap", "owner", "-n", ns, "--cascade=background");
        Deadline.until("the garbage collector to delete the dependent ConfigMap", TIMEOUT,
                () -> cluster.kubectl("get", "configmap", "dependent", "-n", ns, "--ignore-not-found", "-o", "name")
                        .isBlank());
    }
}
