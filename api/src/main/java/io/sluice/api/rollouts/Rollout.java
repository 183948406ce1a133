package io.sluice.api.rollouts;

import io.sluice.api.ApiGroups;
import io.sluice.api.Kind;
import io.sluice.api.Metadata;
import io.sluice.api.Resource;
import io.sluice.api.meta.LabelSelector;
import io.sluice.api.read.Node;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An Argo Rollouts Rollout (argoproj.io v1alpha1), found among the objects Sluice applies: a
 * Deployment whose updates go by a canary or blue-green strategy.
 */
public record Rollout(Metadata metadata, Spec spec) implements Resource {
    public static final Kind<Rollout> KIND = Kind.manifest(ApiGroups.ARGO, "Rollout", List.of("v1alpha1"),
            (metadata, spec) -> new Rollout(metadata, Spec.read(spec))).notActedOnYet("no Rollout controller runs yet");
    /** Argo's defaults (DefaultReplicas, DefaultRevisionHistoryLimit, DefaultProgressDeadlineSeconds). */
    private static final int DEFAULT_REPLICAS = 1;
    private static final int DEFAULT_REVISION_HISTORY_LIMIT = 10;
    private static final int DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

    /**
     * @param replicas the desired pods; 1 when not written (Argo's GetReplicasOrDefault)
     * @param selector the pods the Rollout owns (required, not empty; it must match the template's labels)
     * @param template the pod template, as written (required)
     * @param minReadySeconds how long a new pod must be ready to count as available
     * @param revisionHistoryLimit how many old ReplicaSets are kept; 10 when not written
     * @param progressDeadlineSeconds how long an update may go without progress before it is failed; 600 when
     *         not written; more than minReadySeconds
     * @param progressDeadlineAbort whether such an update is aborted
     * @param canary the canary strategy; null when the strategy is blueGreen (exactly one is set)
     * @param blueGreen the blue-green strategy; null when the strategy is canary
     */
    public record Spec(int replicas, LabelSelector selector, Map<String, Object> template, int minReadySeconds,
            int revisionHistoryLimit, int progressDeadlineSeconds, boolean progressDeadlineAbort, boolean paused,
            CanaryStrategy canary, BlueGreenStrategy blueGreen) {

        static Spec read(Node spec) {
            Node workloadRef = spec.get("workloadRef");
            String withoutWorkloadRef = "";
            if (workloadRef.present()) {
                workloadRef.warn("is not supported by Sluice yet, ignored: write the pod template in spec.template");
                withoutWorkloadRef = " (Sluice does not read spec.workloadRef yet)";
            }
            spec.unsupported(null, "rollbackWindow", "restartAt", "analysis");
            Node selectorField = spec.get("selector");
            LabelSelector selector = selectorField.object(LabelSelector::read);
            if (!selectorField.present()) {
                selectorField.error("is required" + withoutWorkloadRef);
            } else if (selector != null && selector.isEmpty()) {
                selectorField.error("must not be empty");
            }
            Node templateField = spec.get("template");
            Map<String, Object> template = templateField.freeform();
            if (!templateField.present()) {
                templateField.error("is required" + withoutWorkloadRef);
            } else if (selector != null) {
                checkLabels(templateField, template, selector);
            }
            int minReadySeconds = spec.get("minReadySeconds").integer(0, 0);
            Node deadline = spec.get("progressDeadlineSeconds");
            int progressDeadlineSeconds = deadline.integer(0, DEFAULT_PROGRESS_DEADLINE_SECONDS);
            if (progressDeadlineSeconds <= minReadySeconds) {
                deadline.error("must be more than spec.minReadySeconds (" + minReadySeconds + "), not "
                        + progressDeadlineSeconds);
            }
            Node strategy = spec.get("strategy");
            Node canary = strategy.get("canary");
            Node blueGreen = strategy.get("blueGreen");
            if (!canary.present() && !blueGreen.present()) {
                strategy.error("must have canary or blueGreen");
            } else if (canary.present() && blueGreen.present()) {
                strategy.error("must have only one of canary or blueGreen");
            }
            return new Spec(spec.get("replicas").integer(0, DEFAULT_REPLICAS), selector, template,
                    minReadySeconds,
                    spec.get("revisionHistoryLimit").integer(0, DEFAULT_REVISION_HISTORY_LIMIT),
                    progressDeadlineSeconds, spec.get("progressDeadlineAbort").bool(), spec.get("paused").bool(),
                    canary.object(CanaryStrategy::read), blueGreen.object(BlueGreenStrategy::read));
        }

        /** The template's labels must have the selector's matchLabels, as Kubernetes requires of a ReplicaSet. */
        private static void checkLabels(Node templateField, Map<String, Object> template, LabelSelector selector) {
            Object metadata = template.get("metadata");
            Object labels = metadata instanceof Map<?, ?> fields ? fields.get("labels") : null;
            Map<?, ?> written = labels instanceof Map<?, ?> map ? map : Map.of();
            String missing = selector.matchLabels().entrySet().stream()
                    .filter(label -> !label.getValue().equals(written.get(label.getKey())))
                    .map(label -> label.getKey() + "=" + label.getValue()).sorted().collect(Collectors.joining(", "));
            if (!missing.isEmpty()) {
                templateField.error("must have the labels spec.selector matches (" + missing + ") in metadata.labels");
            }
        }
    }
}
