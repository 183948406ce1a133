package io.sluice.apply.cluster;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sluice.api.argo.ArgoAnnotations;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * The Secrets that describe destination clusters, looked up as docs/architecture.md ("Secrets") says: first in the
 * secrets directory, then in the cluster Sluice runs in (the management cluster). There, Argo CD
 * cluster Secrets are those labelled {@value ArgoAnnotations#SECRET_TYPE_LABEL}={@code cluster}, as in Argo CD.
 */
@ApplicationScoped
public class DestinationSecrets {
    private static final Logger LOG = Logger.getLogger(DestinationSecrets.class);

    private final SecretsDirectory directory;
    private final KubernetesClient management;

    DestinationSecrets(SecretsDirectory directory, KubernetesClient management) {
        this.directory = directory;
        this.management = management;
    }

    /** One Secret: "namespace/name" and its keys and values. */
    record Found(String id, Map<String, byte[]> data) {
    }

    /** Where Secrets are looked for, for messages. */
    String describe(String namespace) {
        return directory.describe() + " or namespace " + namespace + " of the cluster Sluice runs in";
    }

    /** Secret {@code namespace/name}; empty when neither place has it. */
    Optional<Map<String, byte[]>> get(String namespace, String name) {
        Optional<Map<String, byte[]>> mounted = directory.read(namespace, name);
        if (mounted.isPresent()) {
            return mounted;
        }
        try {
            return Optional.ofNullable(management.secrets().inNamespace(namespace).withName(name).get())
                    .map(DestinationSecrets::decoded);
        } catch (KubernetesClientException e) {
            LOG.debugf("Secret %s/%s not read from the cluster Sluice runs in: %s", namespace, name,
                    ClusterObjects.reason(e));
            return Optional.empty();
        }
    }

    /**
     * The Argo CD cluster Secrets of {@code namespace}: in the directory, those with keys server and
     * config (a folder has no labels); in the cluster, those with Argo CD's label.
     */
    List<Found> argoClusters(String namespace) {
        List<Found> found = new ArrayList<>();
        for (String name : directory.names(namespace)) {
            directory.read(namespace, name).filter(ArgoClusterSecret::isClusterSecret)
                    .ifPresent(data -> found.add(new Found(namespace + "/" + name, data)));
        }
        try {
            management.secrets().inNamespace(namespace).withLabel(ArgoAnnotations.SECRET_TYPE_LABEL, "cluster").list().getItems()
                    .forEach(s -> found.add(new Found(namespace + "/" + s.getMetadata().getName(), decoded(s))));
        } catch (KubernetesClientException e) {
            LOG.debugf("Argo CD cluster Secrets not listed in the cluster Sluice runs in: %s", ClusterObjects.reason(e));
        }
        return found;
    }

    private static Map<String, byte[]> decoded(Secret secret) {
        Map<String, byte[]> data = new TreeMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((key, value) -> data.put(key, Base64.getDecoder().decode(value)));
        }
        return data;
    }
}
