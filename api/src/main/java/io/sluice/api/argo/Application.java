package io.sluice.api.argo;

import io.sluice.api.ApiGroups;
import io.sluice.api.Kind;
import io.sluice.api.Metadata;
import io.sluice.api.Resource;
import io.sluice.api.meta.NamespacedReference;
import io.sluice.api.read.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * An Argo CD Application (argoproj.io/v1alpha1): render its sources (Argo CD's
 * {@code spec.sources} when set, else {@code spec.source}), apply the result to its destination,
 * sync as its syncPolicy says.
 */
public record Application(Metadata metadata, Spec spec) implements Resource {
    public static final Kind<Application> KIND = Kind.configuration(ApiGroups.ARGO, "Application", List.of("v1alpha1"),
            (metadata, spec) -> new Application(metadata, Spec.read(metadata, spec)));
    /** The project of an Application that names none (Argo CD's DefaultAppProjectName). */
    public static final String DEFAULT_PROJECT = "default";
    /** How many syncs Argo CD keeps in an Application's history when it does not say (RevisionHistoryLimit). */
    public static final int DEFAULT_REVISION_HISTORY_LIMIT = 10;

    /** What deleting the Application does to its objects, as its metadata.finalizers say. */
    public enum Cascade {
        /** Without Argo CD's resources finalizer: the objects stay (a non-cascading delete). */
        NONE,
        /** {@value ArgoAnnotations#RESOURCES_FINALIZER} or its /foreground variant. */
        FOREGROUND,
        /** {@value ArgoAnnotations#RESOURCES_FINALIZER_BACKGROUND}. */
        BACKGROUND
    }

    /**
     * @param project the AppProject; {@value #DEFAULT_PROJECT} when empty (Argo CD's GetProject), required as in the CRD
     * @param sources the sources rendered, in order: spec.sources when it has any, else spec.source alone (Argo CD's
     *         GetSources); their objects are concatenated
     * @param ignoreDifferences the fields that do not count when comparing with the cluster
     * @param revisionHistoryLimit how many syncs are kept in the history; {@value #DEFAULT_REVISION_HISTORY_LIMIT}
     *         when not written (Argo CD's GetRevisionHistoryLimit)
     * @param dependsOn the Applications that must be Ready first: the annotation {@value ArgoAnnotations#DEPENDS_ON}
     *         (Sluice's own); empty without it
     * @param cascade what deleting the Application does to its objects, from metadata.finalizers
     */
    public record Spec(String project, List<ApplicationSource> sources, Destination destination, SyncPolicy syncPolicy,
            List<IgnoreDifference> ignoreDifferences, int revisionHistoryLimit, List<NamespacedReference> dependsOn,
            Cascade cascade) {

        /** The implicit sources the Application reads from, in the order of its sources, each once. */
        public List<ImplicitSource> origins() {
            return sources.stream().map(ApplicationSource::origin).distinct().toList();
        }

        static Spec read(Metadata metadata, Node spec) {
            Node projectField = spec.get("project");
            if (!projectField.present()) {
                projectField.error("is required (" + DEFAULT_PROJECT + " for Argo CD's default project)");
            }
            String project = projectField.string();
            Node destination = spec.get("destination");
            if (!destination.present()) {
                destination.error("is required");
            }
            spec.accepted("info").unsupported("Sluice renders spec.source or spec.sources itself", "sourceHydrator");
            return new Spec(project == null ? DEFAULT_PROJECT : project, sources(spec), destination.object(
                    Destination::read), spec.get("syncPolicy").object(SyncPolicy::read, SyncPolicy.NONE),
                    spec.get("ignoreDifferences").list(item -> item.object(IgnoreDifference::read)),
                    spec.get("revisionHistoryLimit").integer(0, DEFAULT_REVISION_HISTORY_LIMIT), dependsOn(metadata, spec),
                    cascade(metadata, spec));
        }



        /** Argo CD's rule: spec.sources alone when it has any source, else spec.source. */
        private static List<ApplicationSource> sources(Node spec) {
            Node sources = spec.get("sources");
            Node source = spec.get("source");
            if (sources.raw() instanceof List<?> items && !items.isEmpty()) {
                if (source.present()) {
                    source.warn("is ignored: spec.sources is set, and Argo CD then reads spec.sources alone");
                }
                return sources.list(item -> item.object(read -> ApplicationSource.read(read, true)));
            }
            // An empty spec.sources is none (Argo CD's HasMultipleSources); one that is not a list is an error.
            sources.list(Function.identity());
            if (!source.present()) {
                source.error("or spec.sources is required" + (ArgoFields.has(spec, "sourceHydrator")
                        ? " (Sluice does not support spec.sourceHydrator yet)" : ""));
                return List.of();
            }
            return source.object(one -> List.of(ApplicationSource.read(one, false)), List.of());
        }

        /** The annotation {@value ArgoAnnotations#DEPENDS_ON}: namespace/name or name, comma-separated. */
        private static List<NamespacedReference> dependsOn(Metadata metadata, Node spec) {
            String value = metadata.annotation(ArgoAnnotations.DEPENDS_ON);
            if (value == null) {
                return List.of();
            }
            List<NamespacedReference> refs = new ArrayList<>();
            for (String item : value.split(",", -1)) {
                String[] parts = item.trim().split("/", -1);
                if (item.isBlank() || parts.length > 2 || parts[0].isBlank() || parts[parts.length - 1].isBlank()) {
                    spec.elsewhere("metadata.annotations." + ArgoAnnotations.DEPENDS_ON, value).error("must list"
                            + " namespace/name or name, separated by commas, not '" + value + "'");
                    return List.of();
                }
                refs.add(new NamespacedReference(parts[parts.length - 1],
                        parts.length == 2 ? parts[0] : metadata.namespace()));
            }
            return List.copyOf(refs);
        }

        /** Argo CD's resources finalizer in metadata.finalizers, background winning over foreground. */
        private static Cascade cascade(Metadata metadata, Node spec) {
            List<String> finalizers = metadata.finalizers();
            for (int i = 0; i < finalizers.size(); i++) {
                String finalizer = finalizers.get(i);
                if (finalizer.startsWith(ArgoAnnotations.RESOURCES_FINALIZER) && !List.of(
                        ArgoAnnotations.RESOURCES_FINALIZER, ArgoAnnotations.RESOURCES_FINALIZER_FOREGROUND,
                        ArgoAnnotations.RESOURCES_FINALIZER_BACKGROUND).contains(finalizer)) {
                    spec.elsewhere("metadata.finalizers[" + i + "]", finalizer).warn("'" + finalizer + "' is not a"
                            + " resources finalizer Argo CD knows (" + ArgoAnnotations.RESOURCES_FINALIZER + ", or with"
                            + " /foreground or /background): the objects stay when the Application is deleted");
                }
            }
            if (finalizers.contains(ArgoAnnotations.RESOURCES_FINALIZER_BACKGROUND)) {
                return Cascade.BACKGROUND;
            }
            return finalizers.contains(ArgoAnnotations.RESOURCES_FINALIZER)
                    || finalizers.contains(ArgoAnnotations.RESOURCES_FINALIZER_FOREGROUND) ? Cascade.FOREGROUND
                    : Cascade.NONE;
        }
    }
}
