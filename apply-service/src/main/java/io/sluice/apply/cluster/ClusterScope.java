package io.sluice.apply.cluster;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an Argo CD cluster Secret lets Sluice manage in its cluster: with key {@code namespaces}
 * (comma-separated), only objects in those namespaces, and cluster-scoped objects only with
 * {@code clusterResources: "true"}; without it, everything.
 *
 * @param secret the Secret "namespace/name" that sets the limit, for messages
 */
record ClusterScope(Set<String> namespaces, boolean clusterResources, String secret) {
    static final ClusterScope ALL = new ClusterScope(Set.of(), true, null);

    static ClusterScope of(String secret, String namespaces, String clusterResources) {
        if (namespaces == null || namespaces.isBlank()) {
            return ALL;
        }
        Set<String> names = Arrays.stream(namespaces.split(",")).map(String::strip).filter(n -> !n.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        return new ClusterScope(names, "true".equalsIgnoreCase(clusterResources == null ? "" : clusterResources.strip()),
                secret);
    }

    /** Why an object in {@code namespace} (null: cluster-scoped) may not be applied to {@code cluster}; empty: it may. */
    Optional<String> refusal(String cluster, String namespace) {
        if (namespaces.isEmpty()) {
            return Optional.empty();
        }
        if (namespace == null) {
            return clusterResources ? Optional.empty() : Optional.of("cluster " + cluster
                    + " allows no cluster-scoped objects (Secret " + secret + ": namespaces is set, clusterResources"
                    + " is not true)");
        }
        return namespaces.contains(namespace) ? Optional.empty() : Optional.of("namespace " + namespace
                + " is not among the namespaces of cluster " + cluster + " (Secret " + secret + " key namespaces)");
    }
}
