package io.sluice.render.kustomization;

import io.sluice.events.ConfigDocument;
import io.sluice.api.ObjectRef;
import io.sluice.render.reconcile.AppSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What render needs from a Flux Kustomization (kustomize.toolkit.fluxcd.io/v1): its source, the
 * folder to build, whether it is suspended, its build options, and the spec fields that shape a
 * build but that render does not support yet (reported, never silently ignored).
 */
public record KustomizationSpec(ObjectRef ref, String origin, String sourceId, String path, boolean suspend,
        BuildOptions build, List<String> unsupportedFields, List<String> errors) implements AppSpec {

    public static final String GROUP = "kustomize.toolkit.fluxcd.io";
    private static final String KEY_PREFIX = GROUP + "/Kustomization/";
    private static final String SOURCE_API_VERSION = "source.toolkit.fluxcd.io/v1";
    private static final Set<String> SOURCE_KINDS = Set.of("GitRepository", "OCIRepository", "Bucket");
    private static final List<String> BUILD_FIELDS_NOT_SUPPORTED = List.of("decryption", "buildMetadata");

    /** Whether a key of the config topic names a Kustomization. */
    public static boolean isKustomization(String configKey) {
        return configKey.startsWith(KEY_PREFIX);
    }

    public static KustomizationSpec of(ConfigDocument document) {
        Map<String, Object> spec = document.spec();
        String origin = document.origin() == null ? document.ref().display() : document.origin();
        List<String> errors = new ArrayList<>();
        String sourceId = null;
        if (spec.get("sourceRef") instanceof Map<?, ?> sourceRef) {
            String kind = text(sourceRef.get("kind"), "GitRepository");
            String name = text(sourceRef.get("name"), null);
            String namespace = text(sourceRef.get("namespace"), document.ref().namespace());
            if (!SOURCE_KINDS.contains(kind)) {
                errors.add(origin + ": spec.sourceRef.kind " + kind + " is not one of " + SOURCE_KINDS);
            } else if (name == null) {
                errors.add(origin + ": spec.sourceRef.name is required");
            } else {
                sourceId = new ObjectRef(SOURCE_API_VERSION, kind, namespace, name).id();
            }
        } else {
            errors.add(origin + ": spec.sourceRef is required");
        }
        Object path = spec.get("path");
        if (path != null && !(path instanceof String)) {
            errors.add(origin + ": spec.path must be a string");
        }
        BuildOptions build = BuildOptions.of(spec, origin, errors);
        List<String> unsupported = BUILD_FIELDS_NOT_SUPPORTED.stream().filter(spec::containsKey)
                .map(field -> "spec." + field).toList();
        return new KustomizationSpec(document.ref(), origin, sourceId, path instanceof String s ? s : "",
                Boolean.TRUE.equals(spec.get("suspend")), build, unsupported, List.copyOf(errors));
    }

    private static String text(Object value, String fallback) {
        return value instanceof String s && !s.isBlank() ? s : fallback;
    }
}
