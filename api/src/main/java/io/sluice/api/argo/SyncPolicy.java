package io.sluice.api.argo;

import io.sluice.api.read.Node;
import java.time.Duration;
import java.util.Map;

/**
 * An Argo CD Application's spec.syncPolicy: whether it is synced automatically, with which
 * options, and how failed syncs are retried.
 *
 * @param automated whether spec.syncPolicy.automated is set (and not {@code enabled: false}): without it
 *         nothing is applied but by a user's sync command
 * @param prune automated.prune: whether objects that left the sources are deleted (false by default,
 *         and when not automated)
 * @param selfHeal automated.selfHeal: whether changes made in the cluster are reverted (false by default)
 * @param allowEmpty automated.allowEmpty: whether an automated sync may prune every object (false by default)
 * @param retry spec.syncPolicy.retry; null when not written
 * @param managedNamespaceMetadata labels and annotations of the namespace CreateNamespace=true creates; null when
 *         not written
 */
public record SyncPolicy(boolean automated, boolean prune, boolean selfHeal, boolean allowEmpty,
        SyncOptions syncOptions, Retry retry, ManagedNamespaceMetadata managedNamespaceMetadata) {
    /** No syncPolicy: synced only when a user asks, with Argo CD's default options. */
    public static final SyncPolicy NONE = new SyncPolicy(false, false, false, false, SyncOptions.DEFAULTS, null, null);

    /**
     * How a failed sync is retried: after {@code duration}, then each wait {@code factor} times the
     * last, at most {@code maxDuration}.
     *
     * @param limit how many retries; 0 when not written (none: Argo CD's default), negative: for ever
     * @param duration the first wait: backoff.duration, a duration or a number of seconds; 5s when not
     *         written (Argo CD's DefaultSyncRetryDuration)
     * @param factor backoff.factor, 1 or more; 2 when not written (DefaultSyncRetryFactor)
     * @param maxDuration backoff.maxDuration; 3m when not written (DefaultSyncRetryMaxDuration)
     * @param refresh whether a retry syncs the newest revision rather than the one that failed (false by default)
     */
    public record Retry(int limit, Duration duration, int factor, Duration maxDuration, boolean refresh) {
        public static final Duration DEFAULT_DURATION = Duration.ofSeconds(5);
        public static final int DEFAULT_FACTOR = 2;
        public static final Duration DEFAULT_MAX_DURATION = Duration.ofMinutes(3);

        static Retry read(Node retry) {
            Node backoff = retry.get("backoff");
            int factor = backoff.get("factor").integer(1, DEFAULT_FACTOR);
            return new Retry(retry.get("limit").integer(0),
                    ArgoFields.secondsOrDuration(backoff.get("duration"), DEFAULT_DURATION), factor,
                    ArgoFields.secondsOrDuration(backoff.get("maxDuration"), DEFAULT_MAX_DURATION),
                    retry.get("refresh").bool());
        }
    }

    /** The labels and annotations set on the destination namespace that CreateNamespace=true creates. */
    public record ManagedNamespaceMetadata(Map<String, String> labels, Map<String, String> annotations) {

        static ManagedNamespaceMetadata read(Node metadata) {
            return new ManagedNamespaceMetadata(metadata.get("labels").stringMap(),
                    metadata.get("annotations").stringMap());
        }
    }

    static SyncPolicy read(Node syncPolicy) {
        Node automatedField = syncPolicy.get("automated");
        boolean automated = automatedField.present() && automatedField.isMapping()
                && automatedField.get("enabled").bool(true);
        boolean prune = automatedField.get("prune").bool();
        boolean selfHeal = automatedField.get("selfHeal").bool();
        boolean allowEmpty = automatedField.get("allowEmpty").bool();
        SyncOptions options = SyncOptions.read(syncPolicy.get("syncOptions"));
        Node namespaceField = syncPolicy.get("managedNamespaceMetadata");
        ManagedNamespaceMetadata namespace = namespaceField.object(ManagedNamespaceMetadata::read);
        if (namespace != null && !options.createNamespace()) {
            namespaceField.warn("is used only with syncOptions CreateNamespace=true, ignored");
        }
        return new SyncPolicy(automated, automated && prune, automated && selfHeal, automated && allowEmpty, options,
                syncPolicy.get("retry").object(Retry::read), namespace);
    }
}
