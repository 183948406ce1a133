package io.sluice.render.argo;

import io.sluice.api.argo.ArgoSourceIds;
import io.sluice.render.kustomization.BuildOptions;
import io.sluice.render.kustomization.SpecFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One source of an Argo CD Application ({@code spec.source} or an item of {@code spec.sources}),
 * read with Argo CD's field names: where its artifact comes from (the implicit source source-service
 * derives, {@link ArgoSourceIds}), the path inside it, and the directory, kustomize and helm options;
 * {@code fields} is the source as written, for Argo CD's parameter override files.
 */
record ArgoSource(String field, Map<String, Object> fields, String sourceId, String chart, String path, String ref,
        Type explicitType, DirectoryOptions directory, KustomizeOptions kustomize, HelmOptions helm) {

    /** How a source is rendered; set explicitly by its option block, else discovered from its files. */
    enum Type { DIRECTORY, KUSTOMIZE, HELM }

    /** A source that only lends its files to the others ({@code ref:} without a path or chart): not rendered. */
    boolean referenceOnly() {
        return ref != null && chart == null && path == null;
    }

    static ArgoSource read(Map<String, Object> source, String field, SpecFields fields, List<String> unsupported) {
        String repoUrl = fields.required(source.get("repoURL"), field + ".repoURL");
        String revision = scalar(source.get("targetRevision"));
        String chart = blankToNull(fields.text(source.get("chart"), field + ".chart"));
        String sourceId = null;
        if (repoUrl != null && !repoUrl.isBlank()) {
            if (chart != null) {
                sourceId = ArgoSourceIds.helmChartSource(repoUrl.trim(), chart, revision).id();
            } else {
                sourceId = ArgoSourceIds.gitSource(repoUrl, revision).map(ref -> ref.id()).orElse(null);
                if (sourceId == null) {
                    fields.error(field + ".repoURL", "is not a Git repository URL");
                }
            }
        }
        List<Type> types = new ArrayList<>();
        DirectoryOptions directory = null;
        KustomizeOptions kustomize = null;
        HelmOptions helm = null;
        if (source.containsKey("directory")) {
            types.add(Type.DIRECTORY);
            directory = DirectoryOptions.read(fields.object(source.get("directory"), field + ".directory"),
                    field + ".directory", fields, unsupported);
        }
        if (source.containsKey("kustomize")) {
            types.add(Type.KUSTOMIZE);
            kustomize = KustomizeOptions.read(fields.object(source.get("kustomize"), field + ".kustomize"),
                    field + ".kustomize", fields, unsupported);
        }
        if (source.containsKey("helm")) {
            types.add(Type.HELM);
            helm = HelmOptions.read(fields.object(source.get("helm"), field + ".helm"), field + ".helm", fields,
                    unsupported);
        }
        if (source.containsKey("plugin")) {
            unsupported.add(field + ".plugin");
        }
        if (types.size() > 1) {
            // Argo CD refuses a source with several option blocks: which tool renders it would be a guess.
            fields.error(field, "sets " + String.join(" and ", types.stream()
                    .map(type -> type.name().toLowerCase(Locale.ROOT)).toList())
                    + ": only one of directory, kustomize and helm may be set");
        }
        return new ArgoSource(field, source, sourceId, chart, blankToNull(fields.text(source.get("path"), field + ".path")),
                blankToNull(fields.text(source.get("ref"), field + ".ref")),
                types.size() == 1 ? types.get(0) : null,
                directory == null ? DirectoryOptions.DEFAULT : directory,
                kustomize == null ? KustomizeOptions.NONE : kustomize,
                helm == null ? HelmOptions.NONE : helm);
    }

    /** Directory options: recurse (default false) and include/exclude globs. */
    record DirectoryOptions(boolean recurse, String include, String exclude) {
        static final DirectoryOptions DEFAULT = new DirectoryOptions(false, null, null);

        static DirectoryOptions read(Map<String, Object> directory, String field, SpecFields fields,
                List<String> unsupported) {
            if (directory.get("jsonnet") instanceof Map<?, ?> jsonnet && !jsonnet.isEmpty()) {
                unsupported.add(field + ".jsonnet");
            }
            return new DirectoryOptions(fields.flag(directory.get("recurse"), field + ".recurse"),
                    blankToNull(fields.text(directory.get("include"), field + ".include")),
                    blankToNull(fields.text(directory.get("exclude"), field + ".exclude")));
        }
    }

    /**
     * Kustomize options. The ones Flux shares (namespace, namePrefix, nameSuffix, patches, images,
     * components) are kept as Flux's {@link BuildOptions}; labels, annotations and replicas are
     * Argo's own, applied as its {@code kustomize edit} commands do.
     */
    record KustomizeOptions(BuildOptions build, Map<String, String> commonLabels, boolean forceCommonLabels,
            boolean labelWithoutSelector, boolean labelIncludeTemplates, Map<String, String> commonAnnotations,
            boolean forceCommonAnnotations, List<Replica> replicas) {
        static final KustomizeOptions NONE = new KustomizeOptions(new BuildOptions(null, null, null, List.of(),
                List.of(), List.of(), false, Map.of(), Map.of(), null), Map.of(), false, false, false, Map.of(), false,
                List.of());
        private static final List<String> NOT_SUPPORTED = List.of("version", "kubeVersion", "apiVersions",
                "commonAnnotationsEnvsubst");

        record Replica(String name, Object count) {
        }

        static KustomizeOptions read(Map<String, Object> kustomize, String field, SpecFields fields,
                List<String> unsupported) {
            NOT_SUPPORTED.stream().filter(kustomize::containsKey).forEach(name -> unsupported.add(field + "." + name));
            List<BuildOptions.Image> images = new ArrayList<>();
            List<?> entries = fields.list(kustomize.get("images"), field + ".images");
            for (int i = 0; i < entries.size(); i++) {
                String image = fields.text(entries.get(i), field + ".images[" + i + "]");
                if (image != null) {
                    images.add(KustomizeImage.parse(image));
                }
            }
            List<Replica> replicas = fields.eachObject(kustomize.get("replicas"), field + ".replicas",
                    (item, itemField) -> {
                        Object count = item.get("count");
                        if (!(count instanceof Number || count instanceof String)) {
                            fields.error(itemField + ".count", "must be a number");
                        }
                        return new Replica(fields.required(item.get("name"), itemField + ".name"), count);
                    });
            BuildOptions build = new BuildOptions(
                    blankToNull(fields.text(kustomize.get("namespace"), field + ".namespace")),
                    blankToNull(fields.text(kustomize.get("namePrefix"), field + ".namePrefix")),
                    blankToNull(fields.text(kustomize.get("nameSuffix"), field + ".nameSuffix")),
                    BuildOptions.patches(kustomize.get("patches"), field + ".patches", fields), List.copyOf(images),
                    fields.texts(kustomize.get("components"), field + ".components"),
                    fields.flag(kustomize.get("ignoreMissingComponents"), field + ".ignoreMissingComponents"),
                    Map.of(), Map.of(), null);
            return new KustomizeOptions(build,
                    Map.copyOf(fields.textMap(kustomize.get("commonLabels"), field + ".commonLabels")),
                    fields.flag(kustomize.get("forceCommonLabels"), field + ".forceCommonLabels"),
                    fields.flag(kustomize.get("labelWithoutSelector"), field + ".labelWithoutSelector"),
                    fields.flag(kustomize.get("labelIncludeTemplates"), field + ".labelIncludeTemplates"),
                    Map.copyOf(fields.textMap(kustomize.get("commonAnnotations"), field + ".commonAnnotations")),
                    fields.flag(kustomize.get("forceCommonAnnotations"), field + ".forceCommonAnnotations"),
                    replicas);
        }
    }

    /** Helm options; releaseName null means the Application's name. */
    record HelmOptions(List<String> valueFiles, boolean ignoreMissingValueFiles, String values,
            Map<String, Object> valuesObject, List<Parameter> parameters, String releaseName, boolean skipCrds) {
        static final HelmOptions NONE = new HelmOptions(List.of(), false, null, Map.of(), List.of(), null, false);
        private static final List<String> NOT_SUPPORTED = List.of("fileParameters", "version", "kubeVersion",
                "apiVersions", "namespace", "skipTests", "skipSchemaValidation");

        record Parameter(String name, String value, boolean forceString) {
        }

        static HelmOptions read(Map<String, Object> helm, String field, SpecFields fields, List<String> unsupported) {
            NOT_SUPPORTED.stream().filter(helm::containsKey).forEach(name -> unsupported.add(field + "." + name));
            Object values = helm.get("values");
            if (values != null && !(values instanceof String)) {
                fields.error(field + ".values", "must be a string holding YAML (use valuesObject for an object)");
            }
            List<Parameter> parameters = fields.eachObject(helm.get("parameters"), field + ".parameters",
                    (item, itemField) -> new Parameter(fields.required(item.get("name"), itemField + ".name"),
                            item.get("value") == null ? "" : String.valueOf(item.get("value")), fields.flag(item.get("forceString"), itemField + ".forceString")));
            return new HelmOptions(fields.texts(helm.get("valueFiles"), field + ".valueFiles"),
                    fields.flag(helm.get("ignoreMissingValueFiles"), field + ".ignoreMissingValueFiles"),
                    values instanceof String s ? s : null,
                    fields.object(helm.get("valuesObject"), field + ".valuesObject"), parameters,
                    blankToNull(fields.text(helm.get("releaseName"), field + ".releaseName")),
                    fields.flag(helm.get("skipCrds"), field + ".skipCrds"));
        }
    }

    /** A scalar as Argo reads it: YAML reads "targetRevision: 1.2" or "value: 3" as a number. */
    private static String scalar(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean
                ? String.valueOf(value).trim() : "";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
