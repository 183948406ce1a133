package io.sluice.api;

import io.sluice.api.read.Node;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A document's apiVersion, kind and metadata: its name and namespace (the namespace is
 * {@value #DEFAULT_NAMESPACE} when not written, as kubectl applies it; null for cluster-scoped kinds),
 * labels, annotations and finalizers.
 */
public record Metadata(String apiVersion, String kind, String name, String namespace, Map<String, String> labels,
        Map<String, String> annotations, List<String> finalizers) {
    public static final String DEFAULT_NAMESPACE = "default";
    /** A DNS-1123 subdomain: what Kubernetes accepts as the name of most objects. */
    private static final Pattern SUBDOMAIN = Pattern.compile(
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    /** A DNS-1123 label: what Kubernetes accepts as a namespace. */
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final int MAX_NAME = 253;
    private static final int MAX_NAMESPACE = 63;

    public ObjectRef ref() {
        return new ObjectRef(apiVersion, kind, namespace, name);
    }

    /** The version part of the apiVersion ({@code v1} of {@code source.toolkit.fluxcd.io/v1}). */
    public String version() {
        int slash = apiVersion == null ? -1 : apiVersion.indexOf('/');
        return slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    }

    /** The annotation {@code name}; null when not set. */
    public String annotation(String name) {
        return annotations.get(name);
    }

    /** Reads {@code metadata}; names and namespaces are checked as Kubernetes checks them. */
    public static Metadata read(String apiVersion, String kind, Node metadata) {
        return read(apiVersion, kind, metadata, true);
    }

    /**
     * Reads {@code metadata} of a namespaced kind, or of a cluster-scoped one ({@code namespaced}
     * false): then it has no namespace, and one written is ignored with a warning, as the API server
     * ignores it.
     */
    public static Metadata read(String apiVersion, String kind, Node metadata, boolean namespaced) {
        if (!metadata.present()) {
            metadata.error("is required");
        }
        Node nameField = metadata.get("name");
        String name = nameField.requiredString();
        if (name != null && (name.length() > MAX_NAME || !SUBDOMAIN.matcher(name).matches())) {
            nameField.error("must be lowercase letters, digits, '-' and '.', starting and ending with a letter or"
                    + " digit (a DNS-1123 subdomain), not '" + name + "'");
        }
        Node namespaceField = metadata.get("namespace");
        String namespace = namespaceField.string();
        if (!namespaced) {
            if (namespace != null) {
                namespaceField.warn("is ignored: " + kind + " is cluster-scoped");
            }
            namespace = null;
        } else if (namespace == null) {
            namespace = DEFAULT_NAMESPACE;
        } else if (namespace.length() > MAX_NAMESPACE || !LABEL.matcher(namespace).matches()) {
            namespaceField.error("must be lowercase letters, digits and '-', starting and ending with a letter or"
                    + " digit (a DNS-1123 label), not '" + namespace + "'");
        }
        Map<String, String> labels = metadata.get("labels").stringMap();
        Map<String, String> annotations = metadata.get("annotations").stringMap();
        List<String> finalizers = metadata.get("finalizers").strings();
        // Fields the API server sets, found in documents exported from a cluster: nothing to do with them.
        metadata.accepted("uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp",
                "deletionGracePeriodSeconds", "managedFields", "ownerReferences", "generateName", "selfLink");
        return new Metadata(apiVersion, kind, name, namespace, labels, annotations, finalizers);
    }
}
