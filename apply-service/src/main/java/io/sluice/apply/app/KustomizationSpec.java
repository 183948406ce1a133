package io.sluice.apply.app;

import io.sluice.events.ConfigDocument;
import io.sluice.events.ObjectRef;
import java.util.Map;

/** The fields of a Flux Kustomization that decide how its bundle is applied. */
public record KustomizationSpec(boolean prune, String targetNamespace, boolean suspend) {
    public static final String GROUP = "kustomize.toolkit.fluxcd.io";
    public static final String KIND = "Kustomization";

    public static boolean isKustomization(ObjectRef ref) {
        return ref != null && KIND.equals(ref.kind()) && GROUP.equals(ref.group());
    }

    /**
     * Reads the spec of {@code doc}.
     *
     * @throws IllegalArgumentException naming the file and field when a field has the wrong type
     */
    public static KustomizationSpec of(ConfigDocument doc) {
        Map<String, Object> spec = doc.spec();
        return new KustomizationSpec(flag(doc, spec, "prune"), text(doc, spec, "targetNamespace"),
                flag(doc, spec, "suspend"));
    }

    private static boolean flag(ConfigDocument doc, Map<String, Object> spec, String field) {
        Object value = spec.get(field);
        if (value == null || value instanceof Boolean) {
            return Boolean.TRUE.equals(value);
        }
        throw invalid(doc, field, "must be true or false, not '" + value + "'");
    }

    private static String text(ConfigDocument doc, Map<String, Object> spec, String field) {
        Object value = spec.get(field);
        if (value == null || value instanceof String s && s.isBlank()) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        throw invalid(doc, field, "must be a string, not '" + value + "'");
    }

    private static IllegalArgumentException invalid(ConfigDocument doc, String field, String problem) {
        return new IllegalArgumentException(doc.origin() + ": " + doc.ref().display() + ": spec." + field + " "
                + problem);
    }
}
