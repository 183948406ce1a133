package io.sluice.apply.sync;

import java.util.Map;

/**
 * Where an application's namespaced objects go, and whether Sluice may create that namespace.
 *
 * @param name the namespace
 * @param overrides true when it replaces the objects' own namespaces (Flux targetNamespace), false
 *     when it only fills in a missing one (Helm's release namespace, Argo CD's destination)
 * @param create whether a missing namespace is created (else it is an error naming {@code field})
 * @param field the application field the namespace comes from, for error messages
 * @param labels labels of a namespace Sluice creates (Argo CD's managedNamespaceMetadata)
 * @param annotations annotations of a namespace Sluice creates
 */
public record TargetNamespace(String name, boolean overrides, boolean create, String field,
        Map<String, String> labels, Map<String, String> annotations) {

    /** Flux's targetNamespace: replaces every namespace, created when missing. */
    public static TargetNamespace overriding(String name) {
        return name == null ? null : new TargetNamespace(name, true, true, "spec.targetNamespace", Map.of(), Map.of());
    }
}
