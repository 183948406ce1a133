package io.sluice.api.source;

import io.sluice.api.ApiGroups;
import io.sluice.api.ObjectRef;
import io.sluice.api.read.Node;
import java.util.List;

/**
 * The source an application reads its files from (Flux's {@code sourceRef}, a
 * CrossNamespaceSourceReference): kind, name and namespace, the referring object's namespace when not
 * written. Its {@link #ref()} keys the source's artifacts on sluice.source.artifacts.
 */
public record SourceReference(String kind, String name, String namespace) {

    /**
     * Reads {@code {kind, name, namespace}}; {@code kinds} are the kinds Sluice can read sources of here,
     * {@code upstreamKinds} the others Flux allows (an error: not supported yet).
     */
    public static SourceReference read(Node reference, String defaultNamespace, List<String> kinds,
            List<String> upstreamKinds) {
        Node kindField = reference.get("kind");
        String kind = kindField.string();
        if (kind == null) {
            kindField.requiredString();
        } else if (upstreamKinds.contains(kind)) {
            kindField.error("'" + kind + "' is not supported by Sluice yet (it reads " + String.join(", ", kinds) + ")");
        } else if (!kinds.contains(kind)) {
            kindField.error("must be " + String.join(" or ", kinds) + ", not '" + kind + "'");
        }
        reference.accepted("apiVersion");
        String name = reference.get("name").requiredString();
        String namespace = reference.get("namespace").string();
        return new SourceReference(kind, name, namespace == null ? defaultNamespace : namespace);
    }

    /** The source's identity, whose id keys its artifacts. */
    public ObjectRef ref() {
        return new ObjectRef(ApiGroups.SOURCE + "/v1", kind, namespace, name);
    }

    /** {@code source.toolkit.fluxcd.io/<kind>/<namespace>/<name>}: the key of its artifacts. */
    public String id() {
        return ref().id();
    }
}
