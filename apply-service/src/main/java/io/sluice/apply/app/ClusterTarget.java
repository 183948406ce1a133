package io.sluice.apply.app;

import io.sluice.api.argo.Destination;

/**
 * The cluster an application's objects go to, as its spec names it: the cluster Sluice runs in, an
 * Argo CD cluster named by spec.destination.server or .name (found in the Argo CD cluster Secrets),
 * or the cluster of the kubeconfig in a Flux spec.kubeConfig.secretRef.
 *
 * @param destination an Argo CD Application's spec.destination; null for Flux kinds
 * @param kubeConfig the Secret holding the kubeconfig, for Flux kinds; null: none
 */
public record ClusterTarget(Destination destination, KubeConfigSecret kubeConfig) {
    /** A Flux kind without spec.kubeConfig: the cluster Sluice runs in. */
    public static final ClusterTarget IN_CLUSTER = new ClusterTarget(null, null);

    /**
     * A Flux spec.kubeConfig.secretRef: Secret {@code namespace/name} (the application's namespace),
     * key {@code key} (null: {@code value}, else {@code value.yaml}).
     */
    public record KubeConfigSecret(String namespace, String name, String key) {
    }

    /** Whether this is the cluster Sluice runs in. */
    boolean inCluster() {
        return kubeConfig == null && (destination == null || destination.inCluster());
    }

    /** The spec field that names the cluster, for messages. */
    String field() {
        return kubeConfig != null ? "spec.kubeConfig.secretRef" : destination != null ? destination.field() : null;
    }

    /** What the spec says, for messages: the server, the cluster name or the Secret; never a credential. */
    String named() {
        if (kubeConfig != null) {
            return kubeConfig.namespace() + "/" + kubeConfig.name() + (kubeConfig.key() == null ? ""
                    : " key " + kubeConfig.key());
        }
        if (destination == null) {
            return Destination.IN_CLUSTER_NAME;
        }
        return destination.server() != null ? destination.server() : destination.name();
    }

    /** Identifies the target among an application's inputs: a new one is applied to, even without self-heal. */
    String key() {
        return inCluster() ? Destination.IN_CLUSTER_NAME : (kubeConfig != null ? "kubeconfig:" : field() + ":") + named();
    }
}
