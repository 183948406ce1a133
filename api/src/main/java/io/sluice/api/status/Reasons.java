package io.sluice.api.status;

/**
 * The reasons events and statuses give, one constant each. Where Flux has a reason for the same
 * thing, its name is used (fluxcd/pkg apis/meta, kustomize-controller api/v1 condition_types.go,
 * source-controller api/v1 condition_types.go), so that alerts written for Flux match.
 */
public final class Reasons {
    // Flux's generic reasons.
    public static final String RECONCILIATION_SUCCEEDED = "ReconciliationSucceeded";
    public static final String RECONCILIATION_FAILED = "ReconciliationFailed";
    public static final String SUSPENDED = "Suspended";
    public static final String DEPENDENCY_NOT_READY = "DependencyNotReady";
    public static final String HEALTH_CHECK_FAILED = "HealthCheckFailed";
    public static final String BUILD_FAILED = "BuildFailed";
    // source-controller.
    public static final String NEW_ARTIFACT = "NewArtifact";
    public static final String ARTIFACT_UP_TO_DATE = "ArtifactUpToDate";
    public static final String GIT_OPERATION_FAILED = "GitOperationFailed";
    public static final String AUTHENTICATION_FAILED = "AuthenticationFailed";
    public static final String STORAGE_OPERATION_FAILED = "StorageOperationFailed";
    public static final String ARCHIVE_OPERATION_FAILED = "ArchiveOperationFailed";
    public static final String INDEXATION_FAILED = "IndexationFailed";
    public static final String CHART_PULL_ERROR = "ChartPullError";
    // image-reflector-controller.
    public static final String SCAN_FAILED = "ScanFailed";
    public static final String SCAN_SUCCEEDED = "ScanSucceeded";
    /** Flux's meta.SucceededReason: an ImagePolicy chose a tag, an ImageUpdateAutomation ran. */
    public static final String SUCCEEDED = "Succeeded";
    // image-automation-controller.
    /** A setter marker names no ImagePolicy, or sits where no value can be set. */
    public static final String INVALID_MARKER = "InvalidSetterMarker";
    /** spec.git.commit.messageTemplate cannot be executed. */
    public static final String INVALID_TEMPLATE = "InvalidUpdateTemplate";
    /** The Git server refused the push (not a fast-forward, a protected branch, …). */
    public static final String PUSH_REJECTED = "PushRejected";

    // Sluice's own.
    /** A configuration document that cannot be used; it is not published. */
    public static final String CONFIG_INVALID = "ConfigInvalid";
    /** A configuration document sets fields Sluice does not act on. */
    public static final String UNSUPPORTED_FIELDS = "UnsupportedFields";
    public static final String BUILD_SUCCEEDED = "BuildSucceeded";
    public static final String BOOTSTRAP_FAILED = "BootstrapFailed";
    public static final String BOOTSTRAP_RECOVERED = "BootstrapRecovered";
    public static final String RECONCILE_REQUESTED = "ReconcileRequested";
    public static final String WEBHOOK_REJECTED = "WebhookRejected";
    public static final String RECEIVER_NOT_READY = "ReceiverNotReady";
    /** A source's artifact is larger than the service accepts; it is not published. */
    public static final String ARTIFACT_TOO_LARGE = "ArtifactTooLarge";
    /** A chart's repository is missing, suspended or failing: the chart cannot be resolved now. */
    public static final String SOURCE_UNAVAILABLE = "SourceUnavailable";
    public static final String OUT_OF_SYNC = "OutOfSync";
    public static final String DRIFT_DETECTED = "DriftDetected";
    public static final String DRIFT_CORRECTED = "DriftCorrected";
    public static final String DEPENDENCY_CYCLE = "DependencyCycle";
    public static final String DESTINATION_CHANGED = "DestinationChanged";
    public static final String PRUNE_SKIPPED = "PruneSkipped";
    public static final String RETRY_LIMIT_REACHED = "RetryLimitReached";
    public static final String SYNC_DRY_RUN = "SyncDryRun";
    public static final String COMMAND_REJECTED = "CommandRejected";
    public static final String RESUME_REFUSED = "ResumeRefused";
    public static final String RESUMED = "Resumed";
    public static final String ROLLED_BACK = "RolledBack";
    public static final String ROLLBACK_FAILED = "RollbackFailed";
    public static final String DELETED = "Deleted";

    private Reasons() {
    }
}
