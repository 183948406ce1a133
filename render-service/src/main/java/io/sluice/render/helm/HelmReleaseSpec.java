package io.sluice.render.helm;

import io.sluice.events.ConfigDocument;
import io.sluice.api.ObjectRef;
import io.sluice.render.kustomization.BuildOptions;
import io.sluice.render.kustomization.BuildOptions.Image;
import io.sluice.render.kustomization.BuildOptions.Patch;
import io.sluice.render.kustomization.SpecFields;
import io.sluice.render.reconcile.AppSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What render needs from a Flux HelmRelease (helm.toolkit.fluxcd.io/v2 and v2beta1), with Flux's
 * field names: the chart (the HelmChart source-service makes for it), release name and namespace,
 * values, the CRD policy, and kustomize post-renderers.
 */
public record HelmReleaseSpec(ObjectRef ref, String origin, String sourceId, String releaseName,
        String targetNamespace, boolean suspend, Map<String, Object> values, List<ValuesReference> valuesFrom,
        boolean skipCrds, List<Patch> patches, List<Image> images, List<String> unsupportedFields,
        List<String> errors) implements AppSpec {

    public static final String GROUP = "helm.toolkit.fluxcd.io";
    private static final String KEY_PREFIX = GROUP + "/HelmRelease/";
    private static final Set<String> CRD_POLICIES = Set.of("Skip", "Create", "CreateReplace");
    /** Helm's limit on release names; Flux shortens longer ones (see {@link #shortened}). */
    private static final int MAX_RELEASE_NAME = 53;
    /** Fields that change what is rendered but are not supported yet. */
    private static final List<String> FIELDS_NOT_SUPPORTED = List.of("chartRef", "commonMetadata");
    private static final List<String> POST_RENDERER_FIELDS_NOT_SUPPORTED = List.of("patchesStrategicMerge",
            "patchesJson6902");

    /** A ConfigMap or Secret whose key holds values (a whole values file, or one value at targetPath). */
    public record ValuesReference(String kind, String name, String valuesKey, String targetPath, boolean optional) {
    }

    /** Whether a key of the config topic names a HelmRelease. */
    public static boolean isHelmRelease(String configKey) {
        return configKey.startsWith(KEY_PREFIX);
    }

    public static HelmReleaseSpec of(ConfigDocument document) {
        Map<String, Object> spec = document.spec();
        ObjectRef ref = document.ref();
        String origin = document.origin() == null ? ref.display() : document.origin();
        List<String> errors = new ArrayList<>();
        SpecFields fields = new SpecFields(origin, errors);
        Map<String, Object> chart = fields.object(fields.object(spec.get("chart"), "spec.chart").get("spec"),
                "spec.chart.spec");
        if (!spec.containsKey("chartRef")) {
            fields.required(chart.get("chart"), "spec.chart.spec.chart");
        }
        String targetNamespace = fields.text(spec.get("targetNamespace"), "spec.targetNamespace");
        String releaseName = fields.text(spec.get("releaseName"), "spec.releaseName");
        if (releaseName == null || releaseName.isEmpty()) {
            // Flux: [targetNamespace-]name, shortened when Helm would refuse it.
            releaseName = shortened(targetNamespace == null || targetNamespace.isEmpty() ? ref.name()
                    : targetNamespace + "-" + ref.name());
        }
        List<ValuesReference> valuesFrom = fields.eachObject(spec.get("valuesFrom"), "spec.valuesFrom",
                (item, field) -> {
                    String kind = fields.text(item.get("kind"), field + ".kind");
                    if (!"ConfigMap".equals(kind) && !"Secret".equals(kind)) {
                        fields.error(field + ".kind", "must be ConfigMap or Secret");
                    }
                    String key = fields.text(item.get("valuesKey"), field + ".valuesKey");
                    return new ValuesReference(kind, fields.required(item.get("name"), field + ".name"),
                            key == null || key.isEmpty() ? "values.yaml" : key,
                            fields.text(item.get("targetPath"), field + ".targetPath"),
                            fields.flag(item.get("optional"), field + ".optional"));
                });
        List<String> unsupported = new ArrayList<>(FIELDS_NOT_SUPPORTED.stream().filter(spec::containsKey)
                .map(field -> "spec." + field).toList());
        List<Patch> patches = new ArrayList<>();
        List<Image> images = new ArrayList<>();
        List<?> postRenderers = fields.list(spec.get("postRenderers"), "spec.postRenderers");
        for (int i = 0; i < postRenderers.size(); i++) {
            String field = "spec.postRenderers[" + i + "].kustomize";
            Map<String, Object> kustomize = fields.object(
                    fields.object(postRenderers.get(i), "spec.postRenderers[" + i + "]").get("kustomize"), field);
            patches.addAll(BuildOptions.patches(kustomize.get("patches"), field + ".patches", fields));
            images.addAll(BuildOptions.images(kustomize.get("images"), field + ".images", fields));
            POST_RENDERER_FIELDS_NOT_SUPPORTED.stream().filter(kustomize::containsKey)
                    .forEach(name -> unsupported.add(field + "." + name));
        }
        String namespace = targetNamespace == null || targetNamespace.isEmpty() ? ref.namespace() : targetNamespace;
        return new HelmReleaseSpec(ref, origin, chartSourceId(ref), releaseName, namespace,
                fields.flag(spec.get("suspend"), "spec.suspend"),
                fields.object(spec.get("values"), "spec.values"), valuesFrom, skipCrds(spec, fields), List.copyOf(patches),
                List.copyOf(images), List.copyOf(unsupported), List.copyOf(errors));
    }

    /** The HelmChart source-service builds for a HelmRelease: {@code <namespace>/<namespace>-<name>}, as Flux names it. */
    static String chartSourceId(ObjectRef release) {
        return new ObjectRef("source.toolkit.fluxcd.io/v1", "HelmChart", release.namespace(),
                release.namespace() + "-" + release.name()).id();
    }

    /**
     * The install policy decides (default Create): a render is always a whole desired state, so the
     * upgrade policy, which only tells Helm whether to touch CRDs it installed before, does not apply.
     */
    private static boolean skipCrds(Map<String, Object> spec, SpecFields fields) {
        boolean skip = false;
        for (String action : List.of("install", "upgrade")) {
            String field = "spec." + action + ".crds";
            String policy = fields.text(fields.object(spec.get(action), "spec." + action).get("crds"), field);
            if (policy != null && !CRD_POLICIES.contains(policy)) {
                fields.error(field, "must be one of " + CRD_POLICIES + ", not " + policy);
            } else if ("install".equals(action)) {
                skip = "Skip".equals(policy);
            }
        }
        return skip;
    }

    /** Flux's rule for names over Helm's limit: the first 40 characters, '-', and 12 of the name's SHA-256. */
    static String shortened(String name) {
        if (name.length() <= MAX_RELEASE_NAME) {
            return name;
        }
        try {
            String hash = HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)));
            return name.substring(0, 40) + "-" + hash.substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
