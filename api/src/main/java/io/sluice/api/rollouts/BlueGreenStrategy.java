package io.sluice.api.rollouts;

import io.sluice.api.read.Node;

/**
 * A Rollout's blue-green strategy: the new ReplicaSet comes up in full beside the old one, reachable
 * through the preview Service; promotion switches the active Service to it.
 *
 * @param activeService the Service switched to the new ReplicaSet at promotion (required)
 * @param previewService the Service selecting the new ReplicaSet before promotion; null when not written
 * @param autoPromotionEnabled whether promotion happens on its own once the new ReplicaSet is available; true
 *         when not written (Argo's DefaultAutoPromotionEnabled)
 * @param autoPromotionSeconds how long after that it happens; 0 when not written
 * @param prePromotionAnalysis an analysis that must succeed before promotion; null: none
 * @param postPromotionAnalysis an analysis run after promotion, whose failure switches back; null: none
 * @param scaleDownDelaySeconds how long the old ReplicaSet stays up after promotion; 30 when not written
 *         (Argo's DefaultScaleDownDelaySeconds)
 * @param previewReplicaCount how many replicas the new ReplicaSet has before promotion; null: spec.replicas
 */
public record BlueGreenStrategy(String activeService, String previewService, boolean autoPromotionEnabled,
        int autoPromotionSeconds, RolloutAnalysis prePromotionAnalysis, RolloutAnalysis postPromotionAnalysis,
        int scaleDownDelaySeconds, Integer previewReplicaCount) {
    /** Argo's DefaultScaleDownDelaySeconds. */
    private static final int DEFAULT_SCALE_DOWN_DELAY = 30;

    static BlueGreenStrategy read(Node blueGreen) {
        String activeService = blueGreen.get("activeService").requiredString();
        Node previewField = blueGreen.get("previewService");
        String previewService = previewField.string();
        if (previewService != null && previewService.equals(activeService)) {
            previewField.error("must not be the activeService ('" + activeService + "')");
        }
        blueGreen.unsupported("Sluice does not restart pods", "maxUnavailable").unsupported(null, "antiAffinity",
                "previewMetadata", "activeMetadata", "abortScaleDownDelaySeconds", "scaleDownDelayRevisionLimit");
        return new BlueGreenStrategy(activeService, previewService, blueGreen.get("autoPromotionEnabled").bool(true),
                blueGreen.get("autoPromotionSeconds").integer(0, 0),
                blueGreen.get("prePromotionAnalysis").object(RolloutAnalysis::read),
                blueGreen.get("postPromotionAnalysis").object(RolloutAnalysis::read),
                blueGreen.get("scaleDownDelaySeconds").integer(0, DEFAULT_SCALE_DOWN_DELAY),
                blueGreen.get("previewReplicaCount").integer(0, null));
    }
}
