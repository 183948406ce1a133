package io.sluice.apply.sync;

import java.util.List;

/**
 * The order objects are applied in, so that what an object needs exists first: Namespaces, then
 * CustomResourceDefinitions, then cluster-wide RBAC, then the configuration workloads read, then
 * the rest. Prune deletes in the reverse order.
 */
final class ApplyOrder {
    private static final List<String> FIRST = List.of(
            "Namespace",
            "CustomResourceDefinition",
            "ClusterRole",
            "ClusterRoleBinding",
            "ServiceAccount",
            "Role",
            "RoleBinding",
            "Secret",
            "ConfigMap",
            "PersistentVolumeClaim",
            "Service");

    /** Lower ranks are applied earlier; every kind not listed shares the last rank. */
    static int rank(String kind) {
        int index = FIRST.indexOf(kind);
        return index < 0 ? FIRST.size() : index;
    }

    /**
     * Namespaces and CustomResourceDefinitions are applied before the rest is even resolved: the
     * rest may live in those namespaces or be of those kinds.
     */
    static boolean definesTheRest(String kind) {
        return rank(kind) <= rank("CustomResourceDefinition");
    }

    private ApplyOrder() {
    }
}
