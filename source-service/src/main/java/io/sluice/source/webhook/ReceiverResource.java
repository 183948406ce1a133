package io.sluice.source.webhook;

import io.sluice.api.ObjectRef;
import io.sluice.source.config.InvalidFieldException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of a Receiver's {@code spec.resources}: the object to reconcile by name, or every object
 * of a kind whose labels match ({@code name: "*"} with {@code matchLabels}), as Flux defines it.
 */
public record ReceiverResource(String apiVersion, String kind, String name, String namespace,
        Map<String, String> matchLabels) {
    public static final String ANY_NAME = "*";

    /** Flux's apiVersion for a kind named without one (notification-controller's defaults). */
    private static final Map<String, String> DEFAULT_API_VERSIONS = Map.of(
            "Bucket", "source.toolkit.fluxcd.io/v1",
            "HelmChart", "source.toolkit.fluxcd.io/v1",
            "HelmRepository", "source.toolkit.fluxcd.io/v1",
            "GitRepository", "source.toolkit.fluxcd.io/v1",
            "OCIRepository", "source.toolkit.fluxcd.io/v1",
            "ImageRepository", "image.toolkit.fluxcd.io/v1");

    /** Reads {@code spec.resources[index]}; errors name that field. */
    static ReceiverResource parse(Object entry, int index) {
        String field = "spec.resources[" + index + "]";
        if (!(entry instanceof Map<?, ?> fields)) {
            throw new InvalidFieldException(field + " must be a mapping with kind and name");
        }
        String kind = text(fields, "kind", field, true);
        String name = text(fields, "name", field, true);
        String apiVersion = text(fields, "apiVersion", field, false);
        if (apiVersion == null) {
            apiVersion = DEFAULT_API_VERSIONS.get(kind);
            if (apiVersion == null) {
                throw new InvalidFieldException(field + ".apiVersion is required for kind '" + kind + "'");
            }
        }
        Map<String, String> labels = labels(fields.get("matchLabels"), field + ".matchLabels");
        if (ANY_NAME.equals(name) && labels == null) {
            throw new InvalidFieldException(field + ".matchLabels is required when name is '*'");
        }
        return new ReceiverResource(apiVersion, kind, name, text(fields, "namespace", field, false), labels);
    }

    /** The object this entry names, in {@code defaultNamespace} (the Receiver's) unless it says otherwise. */
    ObjectRef ref(String defaultNamespace) {
        return new ObjectRef(apiVersion, kind, namespace == null ? defaultNamespace : namespace, name);
    }

    private static String text(Map<?, ?> fields, String key, String field, boolean required) {
        Object value = fields.get(key);
        if (value == null || (value instanceof String s && s.isBlank())) {
            if (required) {
                throw new InvalidFieldException(field + "." + key + " is required");
            }
            return null;
        }
        if (!(value instanceof String s)) {
            throw new InvalidFieldException(field + "." + key + " must be a string");
        }
        return s;
    }

    private static Map<String, String> labels(Object value, String field) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidFieldException(field + " must be a mapping of label names to values");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        map.forEach((key, label) -> labels.put(String.valueOf(key), String.valueOf(label)));
        return Map.copyOf(labels);
    }
}
