package io.sluice.render.postbuild;

import io.sluice.api.kustomize.Kustomization.BuildOptions;
import io.sluice.api.kustomize.Kustomization;
import io.sluice.render.manifest.ManifestObjects;
import io.sluice.render.manifest.ManifestYaml;
import io.sluice.render.manifest.RenderException;
import io.sluice.render.postbuild.VariableExpansion.SubstitutionException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns kustomize's output into a bundle's objects the way kustomize-controller does after its
 * build: each object's YAML has the postBuild variables substituted (unless it is labelled or
 * annotated {@code kustomize.toolkit.fluxcd.io/substitute: disabled}), then every object gets the
 * commonMetadata labels and annotations on its own metadata. Errors never quote a substituted
 * value: some come from Secrets.
 */
public final class BuiltObjects {
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---[ \\t]*$");
    private static final Pattern LINE = Pattern.compile(": line (\\d+):");

    /** The objects of {@code yaml}; {@code origin} names the build in errors. */
    public static List<Map<String, Object>> of(String yaml, String origin, BuildOptions options, Variables variables)
            throws RenderException {
        boolean substitute = options.postBuild() != null && (!variables.isEmpty() || options.postBuild().always());
        ManifestObjects objects = new ManifestObjects();
        for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
            for (Map<String, Object> object : ManifestYaml.parse(document, origin)) {
                for (Map<String, Object> result : substitute && !optedOut(object)
                        ? substituted(document, object, origin, variables) : List.of(object)) {
                    addCommonMetadata(result, options);
                    objects.add(result, origin);
                }
            }
        }
        return objects.result();
    }

    private static List<Map<String, Object>> substituted(String document, Map<String, Object> object, String origin,
            Variables variables) throws RenderException {
        String where = describe(object) + " in " + origin;
        String expanded;
        try {
            expanded = VariableExpansion.expand(document, variables::get);
        } catch (SubstitutionException e) {
            throw new RenderException(where + ": variable substitution failed: " + e.getMessage());
        }
        try {
            return ManifestYaml.parse(expanded, where);
        } catch (RenderException e) {
            // The parser's message may quote the text around the error, which can hold a substituted value.
            Matcher line = LINE.matcher(e.getMessage());
            throw new RenderException(where + ": not valid YAML after variable substitution"
                    + (line.find() ? " (line " + line.group(1) + " of the object)" : ""));
        }
    }

    private static boolean optedOut(Map<String, Object> object) {
        Map<String, Object> metadata = map(object.get("metadata"));
        return "disabled".equals(map(metadata.get("labels")).get(Kustomization.SUBSTITUTE_ANNOTATION))
                || "disabled".equals(map(metadata.get("annotations")).get(Kustomization.SUBSTITUTE_ANNOTATION));
    }

    @SuppressWarnings("unchecked")
    private static void addCommonMetadata(Map<String, Object> object, BuildOptions options) {
        if (!(object.get("metadata") instanceof Map<?, ?> metadata)) {
            return;
        }
        Map<String, Object> fields = (Map<String, Object>) metadata;
        merge(fields, "labels", options.commonLabels());
        merge(fields, "annotations", options.commonAnnotations());
    }

    private static void merge(Map<String, Object> metadata, String field, Map<String, String> common) {
        if (common.isEmpty()) {
            return;
        }
        Map<String, Object> merged = new LinkedHashMap<>(map(metadata.get(field)));
        merged.putAll(common);
        metadata.put(field, merged);
    }

    private static String describe(Map<String, Object> object) {
        Map<String, Object> metadata = map(object.get("metadata"));
        Object namespace = metadata.get("namespace");
        return object.get("kind") + "/" + (namespace == null ? "" : namespace + "/") + metadata.get("name");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private BuiltObjects() {
    }
}
