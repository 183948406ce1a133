package io.sluice.api.argo;

/**
 * The annotation, label and finalizer names Argo CD reads (on Applications, or on the objects an
 * Application applies), as Argo CD and its gitops-engine name them, and the one Sluice adds to
 * Argo CD Applications ({@link #DEPENDS_ON}).
 */
public final class ArgoAnnotations {
    /** On an object: the phases it is a hook of (PreSync, Sync, PostSync, SyncFail, Skip), comma-separated. */
    public static final String HOOK = "argocd.argoproj.io/hook";
    /** On a hook: when it is deleted (HookSucceeded, HookFailed, BeforeHookCreation), comma-separated. */
    public static final String HOOK_DELETE_POLICY = "argocd.argoproj.io/hook-delete-policy";
    /** On an object: its sync wave, an integer (lower first; 0 when not annotated). */
    public static final String SYNC_WAVE = "argocd.argoproj.io/sync-wave";
    /** On an object: its sync options, "Key=value" comma-separated (read by {@link SyncOptions#parseAnnotation}). */
    public static final String SYNC_OPTIONS = "argocd.argoproj.io/sync-options";
    /** On an object or Application: compare options, comma-separated (IgnoreExtraneous, ServerSideDiff=true, ...). */
    public static final String COMPARE_OPTIONS = "argocd.argoproj.io/compare-options";
    /** On an Application: {@code normal} or {@code hard}, a refresh asked for (removed once done). */
    public static final String REFRESH = "argocd.argoproj.io/refresh";
    /**
     * In an Application's metadata.finalizers: deleting the Application deletes its objects
     * (foreground cascading deletion, Argo CD's default).
     */
    public static final String RESOURCES_FINALIZER = "resources-finalizer.argocd.argoproj.io";
    /** The resources finalizer asking for foreground cascading deletion explicitly. */
    public static final String RESOURCES_FINALIZER_FOREGROUND = RESOURCES_FINALIZER + "/foreground";
    /** The resources finalizer asking for background cascading deletion. */
    public static final String RESOURCES_FINALIZER_BACKGROUND = RESOURCES_FINALIZER + "/background";
    /** On a Secret: {@code cluster} makes it an Argo CD cluster Secret (a destination cluster). */
    public static final String SECRET_TYPE_LABEL = "argocd.argoproj.io/secret-type";
    /**
     * Sluice's own, on an Argo CD Application: comma-separated {@code namespace/name} (or {@code name},
     * in the Application's own namespace) of other Applications that must be Ready before it is applied.
     */
    public static final String DEPENDS_ON = "sluice.io/depends-on";

    private ArgoAnnotations() {
    }
}
