package io.sluice.apply.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.sluice.api.ObjectRef;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;

/** Reaches one object of any kind in the cluster by its {@link ObjectRef}, through discovery. */
@ApplicationScoped
public class ClusterObjects {
    private final KubernetesClient client;
    private final ApiDiscovery discovery;

    ClusterObjects(KubernetesClient client, ApiDiscovery discovery) {
        this.client = client;
        this.discovery = discovery;
    }

    /** The object's endpoint, or empty when the cluster does not serve its kind. */
    public Optional<Resource<GenericKubernetesResource>> find(ObjectRef ref) {
        return discovery.find(ref.apiVersion(), ref.kind()).map(context -> resource(context, ref));
    }

    public Resource<GenericKubernetesResource> resource(ResourceDefinitionContext context, ObjectRef ref) {
        return in(context, ref.namespace()).withName(ref.name());
    }

    /** The endpoint to server-side apply {@code object} to; its namespace must already be the final one. */
    public Resource<GenericKubernetesResource> resource(ResourceDefinitionContext context,
            GenericKubernetesResource object) {
        return in(context, object.getMetadata().getNamespace()).resource(object);
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> in(ResourceDefinitionContext context, String namespace) {
        var all = client.genericKubernetesResources(context);
        return context.isNamespaceScoped() ? all.inNamespace(namespace) : all;
    }

    /** A fresh, typed copy of a rendered object, so that marking it never changes the bundle it came from. */
    public GenericKubernetesResource copyOf(Map<String, Object> rendered) {
        return client.getKubernetesSerialization().convertValue(rendered, GenericKubernetesResource.class);
    }

    /** The API server's own words for a rejected request, without the client's request dump. */
    public static String reason(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getStatus().getMessage();
        }
        return e.getCode() == 0 ? "cluster unreachable: " + rootMessage(e) : e.getMessage();
    }

    /** True when no API server answered at all (as opposed to one rejecting the request). */
    public static boolean unreachable(KubernetesClientException e) {
        return e.getCode() == 0 && e.getStatus() == null;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
