package io.sluice.apply.cluster;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which kinds the cluster serves, and whether each is namespaced, from the API server's
 * discovery documents. A group version is fetched once and fetched again when a kind is missing
 * from it, so kinds of a CustomResourceDefinition applied a moment ago are found.
 */
@ApplicationScoped
public class ApiDiscovery {
    private final KubernetesClient client;
    private final Map<String, List<APIResource>> byGroupVersion = new ConcurrentHashMap<>();

    ApiDiscovery(KubernetesClient client) {
        this.client = client;
    }

    /** The resource serving {@code kind} in {@code apiVersion}, or empty when the cluster does not serve it. */
    public Optional<ResourceDefinitionContext> find(String apiVersion, String kind) {
        Optional<ResourceDefinitionContext> cached = lookup(apiVersion, kind);
        if (cached.isPresent()) {
            return cached;
        }
        byGroupVersion.remove(apiVersion);
        return lookup(apiVersion, kind);
    }

    private Optional<ResourceDefinitionContext> lookup(String apiVersion, String kind) {
        return byGroupVersion.computeIfAbsent(apiVersion, this::fetch).stream()
                .filter(r -> kind.equals(r.getKind()) && !r.getName().contains("/")) // not a subresource
                .findFirst()
                .map(r -> ResourceDefinitionContext.fromApiResource(apiVersion, r));
    }

    private List<APIResource> fetch(String apiVersion) {
        APIResourceList list = client.getApiResources(apiVersion);
        return list == null || list.getResources() == null ? List.of() : List.copyOf(list.getResources());
    }
}
