package io.sluice.api.meta;

import io.sluice.api.ObjectRef;
import io.sluice.api.read.Node;

/**
 * Any object by apiVersion, kind, name and namespace (Flux's {@code healthChecks} entries); no
 * namespace: a cluster-scoped object.
 */
public record KindReference(String apiVersion, String kind, String name, String namespace) {

    public static KindReference read(Node reference) {
        return new KindReference(reference.get("apiVersion").requiredString(), reference.get("kind").requiredString(),
                reference.get("name").requiredString(), reference.get("namespace").string());
    }

    public ObjectRef ref() {
        return new ObjectRef(apiVersion, kind, namespace, name);
    }
}
