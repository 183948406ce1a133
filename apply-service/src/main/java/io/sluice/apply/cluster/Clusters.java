package io.sluice.apply.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The destination clusters: the one Sluice runs in ({@code sluice.apply.kubeconfig}), and others
 * described by Secrets ({@link DestinationSecrets}): Argo CD cluster Secrets of
 * {@code sluice.apply.argo-namespace} and Flux kubeconfig Secrets. One client per Secret, kept
 * while the Secret's content stays the same and rebuilt (the old one closed) when it changes:
 * every lookup reads the Secret again, a few small files.
 */
@ApplicationScoped
public class Clusters {
    private static final Logger LOG = Logger.getLogger(Clusters.class);
    /** Flux's keys of a kubeconfig Secret when spec.kubeConfig.secretRef.key is not set, in order. */
    private static final List<String> KUBECONFIG_KEYS = List.of("value", "value.yaml");

    private final Cluster inCluster;
    private final DestinationSecrets secrets;
    private final String argoNamespace;
    /** Per Secret (and key), the client built from its content and that content's digest. */
    private final Map<String, Built> built = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private volatile BiConsumer<Cluster, Cluster> rebuilt = (before, after) -> {
    };

    private record Built(String digest, Cluster cluster) {
    }

    Clusters(KubernetesClient client, ApiDiscovery discovery, ClusterObjects objects, DestinationSecrets secrets,
            @ConfigProperty(name = "sluice.apply.argo-namespace") String argoNamespace) {
        this.inCluster = new Cluster(Cluster.IN_CLUSTER, Cluster.IN_CLUSTER, client, discovery, objects,
                ClusterScope.ALL);
        this.secrets = secrets;
        this.argoNamespace = argoNamespace;
    }

    /** {@code rebuilt} gets the old and the new cluster each time a changed Secret replaces a client. */
    void onRebuilt(BiConsumer<Cluster, Cluster> rebuilt) {
        this.rebuilt = rebuilt;
    }

    /** The cluster Sluice runs in. */
    public Cluster inCluster() {
        return inCluster;
    }

    /** The cluster of the Argo CD cluster Secret whose server is {@code server}. */
    public Cluster argoServer(String server) {
        String wanted = ArgoClusterSecret.normalised(server);
        return argoSecret(s -> wanted.equals(s.server())).orElseThrow(() -> new UnknownClusterException(
                "no Argo CD cluster Secret in " + secrets.describe(argoNamespace) + " has server " + wanted));
    }

    /** The cluster of the Argo CD cluster Secret whose name is {@code name}. */
    public Cluster argoName(String name) {
        return argoSecret(s -> name.equals(s.name())).orElseThrow(() -> new UnknownClusterException(
                "no Argo CD cluster Secret in " + secrets.describe(argoNamespace) + " has name " + name));
    }

    private Optional<Cluster> argoSecret(Predicate<ArgoClusterSecret> matches) {
        for (DestinationSecrets.Found found : secrets.argoClusters(argoNamespace)) {
            ArgoClusterSecret secret = ArgoClusterSecret.of(found.id(), found.data());
            if (secret.server() != null && matches.test(secret)) {
                return Optional.of(cached("argo:" + secret.id(), digest(found.data()), secret.name(),
                        secret.scope(), secret::config));
            }
        }
        return Optional.empty();
    }

    /**
     * The cluster of the kubeconfig in Secret {@code namespace/name}, under {@code key}, or when it
     * is null under {@code value}, else {@code value.yaml}, as Flux reads spec.kubeConfig.secretRef.
     */
    public Cluster kubeConfig(String namespace, String name, String key) {
        Map<String, byte[]> data = secrets.get(namespace, name).orElseThrow(() -> new UnknownClusterException(
                "Secret " + namespace + "/" + name + " not found in " + secrets.describe(namespace)));
        List<String> keys = key == null ? KUBECONFIG_KEYS : List.of(key);
        String found = keys.stream().filter(data::containsKey).findFirst().orElseThrow(() ->
                new UnknownClusterException("Secret " + namespace + "/" + name + " has no key "
                        + String.join(" or ", keys)));
        byte[] kubeconfig = data.get(found);
        String id = namespace + "/" + name + "/" + found;
        return cached("kubeconfig:" + id, digest(Map.of(found, kubeconfig)), null, ClusterScope.ALL, () -> {
            try {
                return Config.fromKubeconfig(new String(kubeconfig, StandardCharsets.UTF_8));
            } catch (RuntimeException e) { // its message may quote the file: not passed on
                throw new UnknownClusterException("Secret " + namespace + "/" + name + ": key " + found
                        + " is not a valid kubeconfig");
            }
        });
    }

    /** The client built from a Secret whose content has {@code digest}; built anew when the digest changed. */
    private Cluster cached(String secret, String digest, String name, ClusterScope scope, Supplier<Config> config) {
        Built current = built.get(secret);
        if (current != null && current.digest().equals(digest)) {
            return current.cluster();
        }
        Config built = config.get();
        if (built.getMasterUrl() == null || built.getMasterUrl().isBlank()) {
            throw new UnknownClusterException(secret.substring(secret.indexOf(':') + 1) + " names no API server");
        }
        KubernetesClient client = ClusterClient.build(built);
        String clusterName = name != null ? name : client.getMasterUrl().toString().replaceAll("/+$", "");
        Cluster cluster = Cluster.remote(clusterName, clusterName + "#" + generation.incrementAndGet(), client,
                scope);
        this.built.put(secret, new Built(digest, cluster));
        if (current != null) {
            LOG.infof("cluster %s: its Secret changed, client rebuilt", clusterName);
            rebuilt.accept(current.cluster(), cluster);
            current.cluster().client().close();
        }
        return cluster;
    }

    private static String digest(Map<String, byte[]> data) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            data.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(e.getValue());
                sha.update((byte) 0);
            });
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    void close() {
        built.values().forEach(b -> b.cluster().client().close());
        built.clear();
    }
}
