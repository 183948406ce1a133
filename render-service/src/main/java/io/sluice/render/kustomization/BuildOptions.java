package io.sluice.render.kustomization;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of a Flux Kustomization that shape its build, with Flux's names and types
 * (kustomize.toolkit.fluxcd.io/v1): what goes into the kustomization.yaml, and what is done to
 * the built objects afterwards (postBuild, commonMetadata).
 */
public record BuildOptions(String targetNamespace, String namePrefix, String nameSuffix, List<Patch> patches,
        List<Image> images, List<String> components, boolean ignoreMissingComponents,
        Map<String, String> commonLabels, Map<String, String> commonAnnotations, PostBuild postBuild) {

    /** Kustomize's selector fields, as Flux's patch target accepts them. */
    private static final List<String> SELECTOR_FIELDS = List.of("group", "version", "kind", "name", "namespace",
            "labelSelector", "annotationSelector");

    /** An inline strategic merge or JSON6902 patch and the objects it applies to (all when no target). */
    public record Patch(String patch, Map<String, String> target) {
    }

    public record Image(String name, String newName, String newTag, String digest) {
    }

    /**
     * Variable substitution after the build; {@code always} is substituteStrategy Always, which
     * substitutes (and so applies defaults) even when no variable is defined.
     */
    public record PostBuild(boolean always, Map<String, String> substitute, List<SubstituteReference> from) {
    }

    public record SubstituteReference(String kind, String name, boolean optional) {
    }

    /** Reads the build fields of {@code spec}; each malformed field adds an error naming it. */
    static BuildOptions of(Map<String, Object> spec, String origin, List<String> errors) {
        SpecFields fields = new SpecFields(origin, errors);
        Map<String, Object> metadata = fields.object(spec.get("commonMetadata"), "spec.commonMetadata");
        return new BuildOptions(fields.text(spec.get("targetNamespace"), "spec.targetNamespace"),
                fields.text(spec.get("namePrefix"), "spec.namePrefix"),
                fields.text(spec.get("nameSuffix"), "spec.nameSuffix"),
                patches(spec.get("patches"), "spec.patches", fields),
                images(spec.get("images"), "spec.images", fields),
                fields.texts(spec.get("components"), "spec.components"),
                fields.flag(spec.get("ignoreMissingComponents"), "spec.ignoreMissingComponents"),
                Map.copyOf(fields.textMap(metadata.get("labels"), "spec.commonMetadata.labels")),
                Map.copyOf(fields.textMap(metadata.get("annotations"), "spec.commonMetadata.annotations")),
                spec.containsKey("postBuild") ? postBuild(spec.get("postBuild"), fields) : null);
    }

    /** Kustomize patches as Flux writes them (Kustomization patches, HelmRelease post-renderer patches). */
    public static List<Patch> patches(Object value, String listField, SpecFields fields) {
        return fields.eachObject(value, listField, (item, field) -> {
            String patch = fields.required(item.get("patch"), field + ".patch");
            Map<String, String> target = new LinkedHashMap<>();
            fields.textMap(item.get("target"), field + ".target").forEach((key, selector) -> {
                if (SELECTOR_FIELDS.contains(key)) {
                    target.put(key, selector);
                } else {
                    fields.error(field + ".target." + key, "is not a selector field: use one of " + SELECTOR_FIELDS);
                }
            });
            return new Patch(patch, target);
        });
    }

    public static List<Image> images(Object value, String listField, SpecFields fields) {
        return fields.eachObject(value, listField, (item, field) -> new Image(
                fields.required(item.get("name"), field + ".name"),
                fields.text(item.get("newName"), field + ".newName"),
                fields.text(item.get("newTag"), field + ".newTag"),
                fields.text(item.get("digest"), field + ".digest")));
    }

    private static PostBuild postBuild(Object value, SpecFields fields) {
        Map<String, Object> postBuild = fields.object(value, "spec.postBuild");
        String strategy = fields.text(postBuild.get("substituteStrategy"), "spec.postBuild.substituteStrategy");
        if (strategy != null && !Set.of("WithVariables", "Always").contains(strategy)) {
            fields.error("spec.postBuild.substituteStrategy", "must be WithVariables or Always, not " + strategy);
        }
        List<SubstituteReference> from = fields.eachObject(postBuild.get("substituteFrom"),
                "spec.postBuild.substituteFrom", (item, field) -> {
                    String kind = fields.text(item.get("kind"), field + ".kind");
                    if (!"ConfigMap".equals(kind) && !"Secret".equals(kind)) {
                        fields.error(field + ".kind", "must be ConfigMap or Secret");
                    }
                    return new SubstituteReference(kind, fields.required(item.get("name"), field + ".name"),
                            fields.flag(item.get("optional"), field + ".optional"));
                });
        return new PostBuild("Always".equals(strategy),
                Map.copyOf(fields.textMap(postBuild.get("substitute"), "spec.postBuild.substitute")), from);
    }
}
