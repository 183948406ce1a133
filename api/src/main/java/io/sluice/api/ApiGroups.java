package io.sluice.api;

/** The API groups of the kinds Sluice reads, as Flux, Argo CD and Argo Rollouts name them. */
public final class ApiGroups {
    /** Flux's sources: GitRepository, HelmRepository, HelmChart. */
    public static final String SOURCE = "source.toolkit.fluxcd.io";
    /** Flux's Kustomization. */
    public static final String KUSTOMIZE = "kustomize.toolkit.fluxcd.io";
    /** Flux's HelmRelease. */
    public static final String HELM = "helm.toolkit.fluxcd.io";
    /** Flux's image automation: ImageRepository, ImagePolicy, ImageUpdateAutomation. */
    public static final String IMAGE = "image.toolkit.fluxcd.io";
    /** Flux's notifications: Provider, Alert, Receiver. */
    public static final String NOTIFICATION = "notification.toolkit.fluxcd.io";
    /** Argo CD (Application, ApplicationSet, AppProject) and Argo Rollouts (Rollout, AnalysisTemplate). */
    public static final String ARGO = "argoproj.io";

    private ApiGroups() {
    }
}
