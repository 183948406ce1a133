package io.sluice.api.argo;

import io.sluice.api.read.Node;

/**
 * Where an Argo CD Application's objects go: the cluster, by API server URL or by the name of its
 * Argo CD cluster Secret (one of the two, as in Argo CD), and the namespace given to the objects
 * that name none.
 *
 * @param server the API server URL; null when the cluster is named by {@code name}
 * @param name the Argo CD cluster name; null when the cluster is named by {@code server}
 * @param namespace null: objects without a namespace keep none
 */
public record Destination(String server, String name, String namespace) {
    /** The API server of the cluster Sluice (and Argo CD) runs in, seen from inside it. */
    public static final String IN_CLUSTER_SERVER = "https://kubernetes.default.svc";
    /** The name Argo CD gives the cluster it runs in. */
    public static final String IN_CLUSTER_NAME = "in-cluster";

    /** Whether this is the cluster Sluice runs in. */
    public boolean inCluster() {
        return server != null ? IN_CLUSTER_SERVER.equals(server.strip().replaceAll("/+$", ""))
                : IN_CLUSTER_NAME.equals(name);
    }

    /** The field that names the cluster, for messages: spec.destination.server or spec.destination.name. */
    public String field() {
        return server != null ? "spec.destination.server" : "spec.destination.name";
    }

    static Destination read(Node destination) {
        String server = destination.get("server").string();
        String name = destination.get("name").string();
        if (server != null && name != null) {
            destination.error("names both server and name: set only one");
        } else if (server == null && name == null) {
            destination.error("needs server or name (" + IN_CLUSTER_SERVER + " or " + IN_CLUSTER_NAME + " for the"
                    + " cluster Sluice runs in)");
        }
        return new Destination(server, name, destination.get("namespace").string());
    }
}
