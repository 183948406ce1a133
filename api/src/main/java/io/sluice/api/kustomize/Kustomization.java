package io.sluice.api.kustomize;

import io.sluice.api.ApiGroups;
import io.sluice.api.Kind;
import io.sluice.api.Metadata;
import io.sluice.api.Resource;
import io.sluice.api.meta.DataReference;
import io.sluice.api.meta.KindReference;
import io.sluice.api.meta.NamespacedReference;
import io.sluice.api.meta.SecretKeyReference;
import io.sluice.api.read.Node;
import io.sluice.api.source.SourceReference;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Flux Kustomization (kustomize.toolkit.fluxcd.io v1; v1beta2 read the same way): build a folder
 * of a source with kustomize, apply the result, prune what left it, assess health.
 */
public record Kustomization(Metadata metadata, Spec spec) implements Resource {
    public static final Kind<Kustomization> KIND = Kind.configuration(ApiGroups.KUSTOMIZE, "Kustomization",
            List.of("v1", "v1beta2"), (metadata, spec) -> new Kustomization(metadata, Spec.read(metadata, spec)));
    /** On an applied object: {@code disabled} keeps it out of prune (Flux drops it from the inventory). */
    public static final String PRUNE_ANNOTATION = "kustomize.toolkit.fluxcd.io/prune";
    /** On an applied object: how it is applied ({@code Override}, {@code Merge}, {@code IfNotPresent}, {@code Ignore}). */
    public static final String SSA_ANNOTATION = "kustomize.toolkit.fluxcd.io/ssa";
    /** On an applied object: {@code enabled} recreates it when an immutable field changed. */
    public static final String FORCE_ANNOTATION = "kustomize.toolkit.fluxcd.io/force";
    /** On a rendered object (label or annotation): {@code disabled} keeps postBuild substitution out of it. */
    public static final String SUBSTITUTE_ANNOTATION = "kustomize.toolkit.fluxcd.io/substitute";
    /** The source kinds Sluice reads a Kustomization's files from. */
    static final List<String> SOURCE_KINDS = List.of("GitRepository");
    /** The other source kinds Flux allows. */
    static final List<String> UPSTREAM_SOURCE_KINDS = List.of("OCIRepository", "Bucket", "ExternalArtifact");
    /** Flux's floor for the default timeout (see {@link Spec#timeout}). */
    private static final Duration MIN_DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * @param sourceRef the source whose artifact is built
     * @param path the folder to build, relative to the source's root; "" for the root (Flux's default)
     * @param interval how often the Kustomization is reconciled, drift corrected included (required)
     * @param retryInterval the first wait after a failure; the interval when not written (Flux's GetRetryInterval)
     * @param timeout how long apply and health checks may take; when not written, the interval less 30 s
     *         and at least 30 s (Flux's GetTimeout)
     * @param prune whether objects that left the source are deleted (required, as in Flux)
     * @param waitForAll {@code wait}: whether every applied object must become healthy (healthChecks are then not needed)
     * @param healthChecks objects that must become healthy
     * @param dependsOn Kustomizations that must be ready first
     * @param kubeConfig the Secret whose kubeconfig names the cluster to apply to; null: the cluster Sluice runs in
     * @param build what shapes the kustomize build and its result
     */
    public record Spec(SourceReference sourceRef, String path, Duration interval, Duration retryInterval,
            Duration timeout, boolean prune, boolean suspend, boolean force, boolean waitForAll,
            List<KindReference> healthChecks, List<NamespacedReference> dependsOn, SecretKeyReference kubeConfig,
            BuildOptions build) {

        static Spec read(Metadata metadata, Node spec) {
            SourceReference sourceRef = readSourceRef(spec.get("sourceRef"), metadata.namespace());
            String path = spec.get("path").string();
            Duration interval = spec.get("interval").requiredDuration();
            Duration retryInterval = spec.get("retryInterval").duration(interval);
            Duration timeout = spec.get("timeout").duration(defaultTimeout(interval));
            Node prune = spec.get("prune");
            if (!prune.present()) {
                prune.error("is required (true or false)");
            }
            SecretKeyReference kubeConfig = SecretKeyReference.readKubeConfig(spec.get("kubeConfig"));
            spec.unsupported("Sluice applies with its own identity", "serviceAccountName")
                    .unsupported(null, "decryption", "healthCheckExprs", "driftIgnoreRules", "deletionPolicy",
                            "validation", "patchesStrategicMerge", "patchesJson6902");
            return new Spec(sourceRef, path == null ? "" : path, interval, retryInterval, timeout, prune.bool(),
                    spec.get("suspend").bool(), spec.get("force").bool(), spec.get("wait").bool(),
                    spec.get("healthChecks").list(KindReference::read),
                    spec.get("dependsOn").list(item -> NamespacedReference.read(item, metadata.namespace())),
                    kubeConfig, BuildOptions.read(spec));
        }

        private static SourceReference readSourceRef(Node sourceRef, String namespace) {
            if (!sourceRef.present()) {
                sourceRef.error("is required");
                return null;
            }
            return sourceRef.object(ref -> SourceReference.read(ref, namespace, SOURCE_KINDS, UPSTREAM_SOURCE_KINDS));
        }

        /** Flux's default timeout: the interval less 30 s, and at least 30 s. */
        private static Duration defaultTimeout(Duration interval) {
            if (interval == null) {
                return MIN_DEFAULT_TIMEOUT;
            }
            Duration lessSlack = interval.minus(MIN_DEFAULT_TIMEOUT);
            return lessSlack.compareTo(MIN_DEFAULT_TIMEOUT) < 0 ? MIN_DEFAULT_TIMEOUT : lessSlack;
        }
    }

    /**
     * What goes into the generated kustomization.yaml, and what is done to the built objects
     * afterwards: Flux's build fields. Argo CD's kustomize options share the fields they have in common.
     *
     * @param commonLabels {@code commonMetadata.labels}: set on every object
     * @param commonAnnotations {@code commonMetadata.annotations}: set on every object
     * @param postBuild variable substitution after the build; null without {@code postBuild}
     */
    public record BuildOptions(String targetNamespace, String namePrefix, String nameSuffix, List<Patch> patches,
            List<Image> images, List<String> components, boolean ignoreMissingComponents,
            Map<String, String> commonLabels, Map<String, String> commonAnnotations, PostBuild postBuild) {
        /** No option at all: the folder built as it is. */
        public static final BuildOptions NONE = new BuildOptions(null, null, null, List.of(), List.of(), List.of(),
                false, Map.of(), Map.of(), null);

        static BuildOptions read(Node spec) {
            Node commonMetadata = spec.get("commonMetadata");
            return new BuildOptions(spec.get("targetNamespace").string(), spec.get("namePrefix").string(),
                    spec.get("nameSuffix").string(), spec.get("patches").list(Patch::read),
                    spec.get("images").list(Image::read), spec.get("components").strings(),
                    spec.get("ignoreMissingComponents").bool(), commonMetadata.get("labels").stringMap(),
                    commonMetadata.get("annotations").stringMap(), spec.get("postBuild").object(PostBuild::read));
        }
    }

    /**
     * Variable substitution after the build ({@code ${var}}, {@code ${var:=default}}) with
     * {@code substitute} and the data of {@code substituteFrom}, later entries winning.
     *
     * @param always {@code substituteStrategy: Always}: substitute (and so apply defaults) even when no
     *         variable is defined; Flux's default {@code WithVariables} does not
     */
    public record PostBuild(boolean always, Map<String, String> substitute, List<DataReference> substituteFrom) {

        static PostBuild read(Node postBuild) {
            String strategy = postBuild.get("substituteStrategy").oneOf("WithVariables", "WithVariables", "Always");
            return new PostBuild("Always".equals(strategy), postBuild.get("substitute").stringMap(),
                    postBuild.get("substituteFrom").list(DataReference::readSubstitution));
        }
    }
}
