package io.sluice.apply.app;

/**
 * The cluster an application's objects go to: the one Sluice runs in, an Argo CD cluster named by
 * spec.destination.server or .name (found in the Argo CD cluster Secrets), or the cluster of the
 * kubeconfig in a Flux spec.kubeConfig.secretRef.
 *
 * @param server the API server URL as the spec names it; {@value #IN_CLUSTER_SERVER} for the cluster Sluice runs in
 * @param name the Argo CD cluster name, when the spec names the cluster by name; {@value #IN_CLUSTER_NAME} for
 *         the cluster Sluice runs in
 * @param kubeConfig the Secret holding the kubeconfig, for Flux kinds; null: none
 * @param field the spec field that names the cluster, for messages; null for the cluster Sluice runs in by default
 */
public record Destination(String server, String name, KubeConfigSecret kubeConfig, String field) {
    public static final String IN_CLUSTER_SERVER = "https://kubernetes.default.svc";
    public static final String IN_CLUSTER_NAME = "in-cluster";
    public static final Destination IN_CLUSTER = new Destination(IN_CLUSTER_SERVER, null, null, null);

    /**
     * A Flux spec.kubeConfig.secretRef: Secret {@code namespace/name} (the application's namespace),
     * key {@code key} (null: {@code value}, else {@code value.yaml}).
     */
    public record KubeConfigSecret(String namespace, String name, String key) {
    }

    /**
     * A Flux kind's destination: with spec.kubeConfig.secretRef ({@code name}, optional {@code key}),
     * the cluster of that kubeconfig Secret in {@code namespace}; else the cluster Sluice runs in.
     */
    static Destination ofKubeConfig(SpecFields spec, String namespace) {
        if (spec.at("kubeConfig") == null) {
            return IN_CLUSTER;
        }
        if (spec.at("kubeConfig.configMapRef") != null) {
            throw spec.invalid("kubeConfig.configMapRef", "is not supported: use spec.kubeConfig.secretRef");
        }
        String name = spec.text("kubeConfig.secretRef.name");
        if (name == null) {
            throw spec.invalid("kubeConfig.secretRef.name", "is required");
        }
        return new Destination(null, null, new KubeConfigSecret(namespace == null ? "default" : namespace, name,
                spec.text("kubeConfig.secretRef.key")), "spec.kubeConfig.secretRef");
    }

    /** Whether this is the cluster Sluice runs in. */
    boolean inCluster() {
        if (kubeConfig != null) {
            return false;
        }
        return server == null ? name == null || IN_CLUSTER_NAME.equals(name)
                : IN_CLUSTER_SERVER.equals(server.strip().replaceAll("/+$", ""));
    }

    /** What the spec says, for messages: the server, the cluster name or the Secret; never a credential. */
    String named() {
        if (kubeConfig != null) {
            return kubeConfig.namespace() + "/" + kubeConfig.name() + (kubeConfig.key() == null ? ""
                    : " key " + kubeConfig.key());
        }
        return server != null ? server : name;
    }

    /** Identifies the destination among an application's inputs: a new one is applied to, even without self-heal. */
    String key() {
        return inCluster() ? IN_CLUSTER_NAME : (kubeConfig != null ? "kubeconfig:" : field + ":") + named();
    }
}
