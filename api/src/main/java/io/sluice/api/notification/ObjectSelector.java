package io.sluice.api.notification;

import io.sluice.api.ObjectRef;
import io.sluice.api.read.Node;
import java.util.List;
import java.util.Map;

/**
 * Flux objects by kind and name, or every object of a kind ({@code name: "*"}), optionally only those
 * whose labels match: an Alert's {@code eventSources} entry or a Receiver's {@code resources} entry
 * (Flux's CrossNamespaceObjectReference).
 *
 * @param apiVersion as written; null when not (a Receiver's are defaulted by kind)
 * @param namespace the referring object's namespace when not written
 * @param matchLabels the labels the objects must have (all of them); used only with name
 *         {@value #ANY_NAME}, as in Flux; empty when not written
 */
public record ObjectSelector(String apiVersion, String kind, String name, String namespace,
        Map<String, String> matchLabels) {
    /** The name that selects every object of the kind. */
    public static final String ANY_NAME = "*";
    /** The kinds Flux allows. */
    public static final List<String> KINDS = List.of("Bucket", "GitRepository", "Kustomization", "HelmRelease",
            "HelmChart", "HelmRepository", "ImageRepository", "ImagePolicy", "ImageUpdateAutomation",
            "OCIRepository", "ArtifactGenerator", "ExternalArtifact");

    static ObjectSelector read(Node entry, String defaultNamespace) {
        String apiVersion = entry.get("apiVersion").string();
        String kind = entry.get("kind").requiredOneOf(KINDS.toArray(String[]::new));
        String name = entry.get("name").requiredString();
        String namespace = entry.get("namespace").string();
        Node labels = entry.get("matchLabels");
        if (labels.present() && name != null && !ANY_NAME.equals(name)) {
            labels.warn("is ignored: it applies only with name '*' (as in Flux)");
        }
        return new ObjectSelector(apiVersion, kind, name, namespace == null ? defaultNamespace : namespace,
                labels.stringMap());
    }

    /** Whether this entry names every object of its kind, not one object. */
    public boolean anyName() {
        return ANY_NAME.equals(name);
    }

    /** The object this entry names; its name may be {@value #ANY_NAME}. */
    public ObjectRef ref() {
        return new ObjectRef(apiVersion, kind, namespace, name);
    }

    ObjectSelector withApiVersion(String version) {
        return new ObjectSelector(version, kind, name, namespace, matchLabels);
    }
}
