package io.sluice.apply.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/**
 * One destination cluster: its client and what is built on it. {@link #name()} tags metrics and
 * names the cluster in messages; {@link #id()} tells two clients of the same cluster apart (one
 * rebuilt after its Secret changed), so that watches on a closed client are replaced.
 */
public final class Cluster {
    /** The name of the cluster Sluice runs in, as Argo CD calls it. */
    public static final String IN_CLUSTER = "in-cluster";

    private final String name;
    private final String id;
    private final KubernetesClient client;
    private final ApiDiscovery discovery;
    private final ClusterObjects objects;
    private final ClusterScope scope;

    Cluster(String name, String id, KubernetesClient client, ApiDiscovery discovery, ClusterObjects objects,
            ClusterScope scope) {
        this.name = name;
        this.id = id;
        this.client = client;
        this.discovery = discovery;
        this.objects = objects;
        this.scope = scope;
    }

    /** A cluster reached by its own client, with discovery and object access of its own. */
    static Cluster remote(String name, String id, KubernetesClient client, ClusterScope scope) {
        ApiDiscovery discovery = new ApiDiscovery(client);
        return new Cluster(name, id, client, discovery, new ClusterObjects(client, discovery), scope);
    }

    public String name() {
        return name;
    }

    public String id() {
        return id;
    }

    public KubernetesClient client() {
        return client;
    }

    public ApiDiscovery discovery() {
        return discovery;
    }

    public ClusterObjects objects() {
        return objects;
    }

    /**
     * Why an object in {@code namespace} (null: cluster-scoped) may not be applied here, as the
     * cluster's Secret limits it; empty when it may.
     */
    public Optional<String> refusal(String namespace) {
        return scope.refusal(name, namespace);
    }

    @Override
    public String toString() {
        return name;
    }
}
