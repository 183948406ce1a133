package io.sluice.api.argo;

import io.sluice.api.kustomize.Image;
import io.sluice.api.kustomize.Kustomization;
import io.sluice.api.kustomize.Patch;
import io.sluice.api.read.Node;
import java.util.List;
import java.util.Map;

/**
 * An Argo CD source's {@code kustomize} options. Those Flux's Kustomization shares (namespace,
 * namePrefix, nameSuffix, images, patches, components) are held as its {@link Kustomization.BuildOptions};
 * labels, annotations and replicas are Argo CD's own, applied as its {@code kustomize edit} commands do.
 *
 * @param build {@code namespace} as its targetNamespace, namePrefix, nameSuffix, images (Argo CD's
 *         string form, {@link Image#parse}), patches, components and ignoreMissingComponents
 * @param forceCommonLabels whether commonLabels overwrite labels the objects already have
 * @param labelWithoutSelector whether commonLabels stay out of selectors (and of templates, unless labelIncludeTemplates)
 * @param forceCommonAnnotations whether commonAnnotations overwrite annotations the objects already have
 * @param replicas replica counts set on Deployments and StatefulSets by name
 */
public record KustomizeOptions(Kustomization.BuildOptions build, Map<String, String> commonLabels,
        boolean forceCommonLabels, boolean labelWithoutSelector, boolean labelIncludeTemplates,
        Map<String, String> commonAnnotations, boolean forceCommonAnnotations, List<Replica> replicas) {
    /** No option: the kustomization built as it is. */
    public static final KustomizeOptions NONE = new KustomizeOptions(Kustomization.BuildOptions.NONE, Map.of(), false,
            false, false, Map.of(), false, List.of());

    /** A replica count for the Deployment or StatefulSet {@code name}. */
    public record Replica(String name, int count) {

        static Replica read(Node replica) {
            String name = replica.get("name").requiredString();
            Node countField = replica.get("count");
            String count = countField.scalar();
            if (count == null) {
                countField.error("is required");
                return null;
            }
            if (!count.matches("\\d{1,9}")) {
                countField.error("must be a whole number, not '" + count + "'");
                return null;
            }
            return new Replica(name, Integer.parseInt(count));
        }
    }

    static KustomizeOptions read(Node kustomize) {
        kustomize.unsupported(null, "version", "kubeVersion", "apiVersions");
        ArgoFields.unsupportedIfTrue(kustomize, "annotations are set as written", "commonAnnotationsEnvsubst");
        List<Image> images = kustomize.get("images").list(item -> {
            String image = item.string();
            return image == null ? null : Image.parse(image);
        });
        Kustomization.BuildOptions build = new Kustomization.BuildOptions(kustomize.get("namespace").string(),
                kustomize.get("namePrefix").string(), kustomize.get("nameSuffix").string(),
                kustomize.get("patches").list(KustomizeOptions::readPatch), images, kustomize.get("components").strings(),
                kustomize.get("ignoreMissingComponents").bool(), Map.of(), Map.of(), null);
        return new KustomizeOptions(build, kustomize.get("commonLabels").stringMap(),
                kustomize.get("forceCommonLabels").bool(), kustomize.get("labelWithoutSelector").bool(),
                kustomize.get("labelIncludeTemplates").bool(), kustomize.get("commonAnnotations").stringMap(),
                kustomize.get("forceCommonAnnotations").bool(), kustomize.get("replicas").list(
                        item -> item.object(Replica::read)));
    }

    /** An inline patch; Argo CD's patch files ({@code path}) and kustomize patch options are not read yet. */
    private static Patch readPatch(Node item) {
        if (!item.isMapping()) {
            return item.object(Patch::read);
        }
        Node path = item.get("path");
        if (path.present()) {
            path.error("is not supported by Sluice yet: write the patch inline in patch");
            item.accepted("patch", "target", "options");
            return null;
        }
        item.unsupported(null, "options");
        return Patch.read(item);
    }
}
