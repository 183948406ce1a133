package io.sluice.api;

import io.sluice.api.argo.AppProject;
import io.sluice.api.argo.Application;
import io.sluice.api.argo.ApplicationSet;
import io.sluice.api.helm.HelmRelease;
import io.sluice.api.image.ImagePolicy;
import io.sluice.api.image.ImageRepository;
import io.sluice.api.image.ImageUpdateAutomation;
import io.sluice.api.kustomize.Kustomization;
import io.sluice.api.notification.Alert;
import io.sluice.api.notification.Provider;
import io.sluice.api.notification.Receiver;
import io.sluice.api.read.Origin;
import io.sluice.api.read.Problem;
import io.sluice.api.read.ReadResult;
import io.sluice.api.rollouts.AnalysisTemplate;
import io.sluice.api.rollouts.ClusterAnalysisTemplate;
import io.sluice.api.rollouts.Rollout;
import io.sluice.api.source.GitRepository;
import io.sluice.api.source.HelmChart;
import io.sluice.api.source.HelmRepository;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Every kind Sluice reads, and the one entry that reads a document of any of them. */
public final class Kinds {
    /** Every kind, configuration first. */
    public static final List<Kind<?>> ALL = List.of(GitRepository.KIND, HelmRepository.KIND, HelmChart.KIND,
            Kustomization.KIND, HelmRelease.KIND, Application.KIND, AppProject.KIND, ApplicationSet.KIND,
            ImageRepository.KIND, ImagePolicy.KIND, ImageUpdateAutomation.KIND, Provider.KIND, Alert.KIND,
            Receiver.KIND, Rollout.KIND, AnalysisTemplate.KIND, ClusterAnalysisTemplate.KIND);
    /** The kinds whose documents are applications: rendered into objects and applied to a cluster. */
    public static final List<Kind<?>> APPLICATIONS = List.of(Kustomization.KIND, HelmRelease.KIND, Application.KIND);

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
        Optional<Kind<?>> kind = of(ref);
        String known = ALL.stream().filter(found -> found.configuration() || !configurationOnly).map(Kind::name)
                .collect(Collectors.joining(", "));
        if (kind.isEmpty()) {
            return new ReadResult<>(null, ref, origin, List.of(Problem.error("", "unknown kind for apiVersion "
                    + ref.apiVersion() + " (Sluice reads " + known + ")")));
        }
        if (configurationOnly && !kind.get().configuration()) {
            return new ReadResult<>(null, ref, origin, List.of(Problem.error("", "is not configuration: "
                    + ref.kind() + " objects are applied as part of an application's manifests (configuration kinds: "
                    + known + ")")));
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
