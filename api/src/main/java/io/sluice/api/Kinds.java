package io.sluice.api;

import io.sluice.api.image.ImagePolicy;
import io.sluice.api.image.ImageRepository;
import io.sluice.api.image.ImageUpdateAutomation;
import io.sluice.api.kustomize.Kustomization;
import io.sluice.api.read.Origin;
import io.sluice.api.read.Problem;
import io.sluice.api.read.ReadResult;
import io.sluice.api.rollouts.AnalysisTemplate;
import io.sluice.api.rollouts.ClusterAnalysisTemplate;
import io.sluice.api.rollouts.Rollout;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Every kind Sluice reads, and the one entry that reads a document of any of them. */
public final class Kinds {
    /** Every kind, configuration first. */
    public static final List<Kind<?>> ALL = List.of(Kustomization.KIND,
            ImageRepository.KIND, ImagePolicy.KIND, ImageUpdateAutomation.KIND,
            Rollout.KIND, AnalysisTemplate.KIND, ClusterAnalysisTemplate.KIND);
    /** The kinds whose documents are applications: rendered into objects and applied to a cluster. */
    public static final List<Kind<?>> APPLICATIONS = List.of(Kustomization.KIND);

    /** The kind of {@code ref} (by group and kind name, whatever the version). */
    public static Optional<Kind<?>> of(ObjectRef ref) {
        return ALL.stream().filter(kind -> kind.matches(ref)).findFirst();
    }

    /** Whether {@code ref} names an application: a Kustomization, a HelmRelease or an Argo CD Application. */
    public static boolean isApplication(ObjectRef ref) {
        return APPLICATIONS.stream().anyMatch(kind -> kind.matches(ref));
    }

    /** Whether a topic key ({@code group/Kind/namespace/name}) names an application. */
    public static boolean isApplication(String id) {
        return APPLICATIONS.stream().anyMatch(kind -> kind.keys(id));
    }

    /**
     * Reads a configuration document (a kind users give Sluice as configuration); a document of any
     * other kind is an error naming the kinds it could be.
     */
    public static ReadResult<? extends Resource> readConfiguration(Map<String, Object> document, Origin origin) {
        return read(document, origin, true);
    }

    /** Reads a document of any kind Sluice reads, configuration or manifest (a Rollout, say). */
    public static ReadResult<? extends Resource> read(Map<String, Object> document, Origin origin) {
        return read(document, origin, false);
    }

    private static ReadResult<? extends Resource> read(Map<String, Object> document, Origin origin,
            boolean configurationOnly) {
        ObjectRef ref = refOf(document);
        Optional<Kind<?>> kind = of(ref).filter(found -> found.configuration() || !configurationOnly);
        if (kind.isEmpty()) {
            String known = ALL.stream().filter(found -> found.configuration() || !configurationOnly).map(Kind::name)
                    .collect(Collectors.joining(", "));
            return new ReadResult<>(null, ref, origin, List.of(Problem.error("", "unknown kind for apiVersion "
                    + ref.apiVersion() + " (Sluice reads " + known + ")")));
        }
        return kind.get().read(document, origin);
    }

    /** The apiVersion, kind, namespace and name of a document, as far as they are written. */
    public static ObjectRef refOf(Map<String, Object> document) {
        Object metadata = document.get("metadata");
        Map<?, ?> fields = metadata instanceof Map<?, ?> map ? map : Map.of();
        Object namespace = fields.get("namespace");
        return new ObjectRef(text(document.get("apiVersion")), text(document.get("kind")),
                namespace instanceof String s && !s.isBlank() ? s : Metadata.DEFAULT_NAMESPACE,
                text(fields.get("name")));
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s : null;
    }

    private Kinds() {
    }
}
