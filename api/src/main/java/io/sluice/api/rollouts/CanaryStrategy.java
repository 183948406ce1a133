package io.sluice.api.rollouts;

import io.sluice.api.GoDuration;
import io.sluice.api.read.Node;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Rollout's canary strategy: the new ReplicaSet takes over step by step (a weight, a pause, an
 * analysis), the replicas of both ReplicaSets sized to the weight; without steps, a rolling update.
 *
 * @param canaryService the Service selecting only the new pods; null when not written
 * @param stableService the Service selecting only the stable pods; null when not written
 * @param steps the steps, in order; empty: a rolling update bounded by maxSurge and maxUnavailable
 * @param maxSurge how many pods may run above the desired count; 25% when not written (Argo's DefaultMaxSurge)
 * @param maxUnavailable how many pods may be unavailable; 25% when not written (Argo's DefaultMaxUnavailable)
 * @param analysis the analysis run in the background through the steps; null: none
 * @param scaleDownDelaySeconds how long the old ReplicaSet stays up once replaced: 30 when trafficRouting is
 *         written and this is not, 0 without trafficRouting (Argo's GetScaleDownDelaySecondsOrDefault)
 */
public record CanaryStrategy(String canaryService, String stableService, List<Step> steps, IntOrPercent maxSurge,
        IntOrPercent maxUnavailable, BackgroundAnalysis analysis, int scaleDownDelaySeconds) {
    static final String TRAFFIC = "Sluice moves replicas, not traffic";
    /** Argo's DefaultScaleDownDelaySeconds. */
    private static final int DEFAULT_SCALE_DOWN_DELAY = 30;
    private static final int MAX_WEIGHT = 100;
    /** Traffic routers after which Argo requires canaryService and stableService (its requireCanaryStableServices). */
    private static final List<String> ROUTERS_NEEDING_SERVICES = List.of("smi", "apisix", "ambassador", "nginx",
            "appMesh", "traefik");
    private static final List<String> STEP_KINDS = List.of("setWeight", "pause", "analysis", "setCanaryScale",
            "experiment", "setHeaderRoute", "setMirrorRoute", "plugin");
    /** The step kinds Argo allows only one of in a step (its hasMultipleStepsType). */
    private static final List<String> EXCLUSIVE_STEP_KINDS = List.of("setWeight", "pause", "experiment", "analysis");

    /**
     * One step; exactly one of its fields is set, or none when the step is one Sluice does not support
     * (experiment, setHeaderRoute, setMirrorRoute, plugin: a warning says so).
     *
     * @param setWeight the share of the replicas the new ReplicaSet gets, 0 to 100
     * @param pause a pause, timed or until the Rollout is promoted
     * @param analysis an analysis that must succeed before the next step
     * @param setCanaryScale the new ReplicaSet's size, apart from the weight
     */
    public record Step(Integer setWeight, Pause pause, RolloutAnalysis analysis, SetCanaryScale setCanaryScale) {
    }

    /** A pause of {@code duration}; null: until the Rollout is promoted. */
    public record Pause(Duration duration) {
    }

    /**
     * The new ReplicaSet's size apart from the weight: {@code replicas} pods, or {@code weight} percent of
     * spec.replicas (each null when not written), or back to the weight with {@code matchTrafficWeight}.
     */
    public record SetCanaryScale(Integer weight, Integer replicas, boolean matchTrafficWeight) {
    }

    /** The background analysis, started at step {@code startingStep} (0, the first, when not written). */
    public record BackgroundAnalysis(RolloutAnalysis analysis, int startingStep) {
    }

    static CanaryStrategy read(Node canary) {
        Node trafficRouting = canary.get("trafficRouting");
        boolean routed = trafficRouting.present();
        trafficRouting.unsupported(TRAFFIC, "istio", "nginx", "alb", "smi", "ambassador", "appMesh", "traefik",
                "apisix", "plugins", "managedRoutes", "maxTrafficWeight");
        canary.unsupported(TRAFFIC, "pingPong", "dynamicStableScale", "minPodsPerReplicaSet",
                "abortScaleDownDelaySeconds").unsupported(null, "antiAffinity", "canaryMetadata", "stableMetadata",
                "scaleDownDelayRevisionLimit", "replicaProgressThreshold");
        checkServices(canary, trafficRouting);
        IntOrPercent maxSurge = IntOrPercent.read(canary.get("maxSurge"), IntOrPercent.DEFAULT);
        IntOrPercent maxUnavailable = IntOrPercent.read(canary.get("maxUnavailable"), IntOrPercent.DEFAULT);
        if (maxSurge.value() == 0 && maxUnavailable.value() == 0) {
            canary.get("maxSurge").error("and maxUnavailable must not both be 0");
        }
        Node delay = canary.get("scaleDownDelaySeconds");
        if (delay.present() && !routed) {
            delay.error("is only accepted with trafficRouting (a canary without it has no delay)");
        }
        Node analysis = canary.get("analysis");
        return new CanaryStrategy(canary.get("canaryService").string(), canary.get("stableService").string(),
                canary.get("steps").list(step -> readStep(step, routed)), maxSurge, maxUnavailable,
                analysis.object(background -> new BackgroundAnalysis(RolloutAnalysis.read(background),
                        background.get("startingStep").integer(0, 0))),
                routed ? delay.integer(0, DEFAULT_SCALE_DOWN_DELAY) : 0);
    }

    /**
     * canaryService and stableService as Argo checks them: different, and both set with the traffic
     * routers that need them.
     */
    private static void checkServices(Node canary, Node trafficRouting) {
        Node canaryField = canary.get("canaryService");
        Node stableField = canary.get("stableService");
        String canaryService = canaryField.string();
        String stableService = stableField.string();
        if (canaryService != null && canaryService.equals(stableService)) {
            stableField.error("must not be the canaryService ('" + canaryService + "')");
        }
        Map<?, ?> routers = trafficRouting.raw() instanceof Map<?, ?> map ? map : Map.of();
        boolean pingPong = canary.raw() instanceof Map<?, ?> fields && fields.get("pingPong") != null;
        boolean needsServices = ROUTERS_NEEDING_SERVICES.stream().anyMatch(routers::containsKey) || !pingPong
                && (routers.containsKey("alb") || routers.get("istio") instanceof Map<?, ?> istio
                        && !istio.containsKey("destinationRule"));
        if (needsServices) {
            Stream.of(canaryField, stableField).filter(field -> field.string() == null)
                    .forEach(field -> field.error("is required with this trafficRouting"));
        }
    }

    private static Step readStep(Node step, boolean routed) {
        Map<?, ?> fields = step.raw() instanceof Map<?, ?> map ? map : Map.of();
        List<String> kinds = STEP_KINDS.stream().filter(kind -> fields.get(kind) != null).toList();
        List<String> exclusive = kinds.stream().filter(EXCLUSIVE_STEP_KINDS::contains).toList();
        if (kinds.isEmpty() && step.isMapping()) {
            step.error("must have one of " + String.join(", ", STEP_KINDS.subList(0, STEP_KINDS.size() - 1))
                    + " or plugin");
        } else if (exclusive.size() > 1) {
            step.error("must have only one of setWeight, pause, analysis or experiment, not "
                    + String.join(" and ", exclusive));
        }
        step.unsupported(null, "experiment").unsupported(TRAFFIC, "setHeaderRoute", "setMirrorRoute")
                .unsupported("Sluice runs no step plugins", "plugin");
        Node scale = step.get("setCanaryScale");
        if (scale.present() && !routed) {
            scale.error("needs spec.strategy.canary.trafficRouting (Argo Rollouts refuses it without)");
        }
        return new Step(weight(step.get("setWeight")), step.get("pause").object(pause -> new Pause(pauseDuration(pause.get("duration")))),
                step.get("analysis").object(RolloutAnalysis::read), scale.object(CanaryStrategy::readScale));
    }

    private static SetCanaryScale readScale(Node scale) {
        return new SetCanaryScale(weight(scale.get("weight")), scale.get("replicas").integer(0, null),
                scale.get("matchTrafficWeight").bool());
    }

    /** A percentage, 0 to 100; null when not written or out of bounds (then an error). */
    private static Integer weight(Node field) {
        Integer weight = field.integer(null);
        if (weight != null && (weight < 0 || weight > MAX_WEIGHT)) {
            field.error("must be between 0 and " + MAX_WEIGHT + ", not " + weight);
            return null;
        }
        return weight;
    }

    /**
     * A pause's duration as Argo reads it (RolloutPause.DurationSeconds): a number of seconds, as a number
     * or as text, or a Go duration such as 5m; null when not written (pause until promoted).
     */
    private static Duration pauseDuration(Node duration) {
        Object raw = duration.raw();
        if (raw == null) {
            return null;
        }
        if (raw instanceof Number) {
            Integer seconds = duration.integer(0, null);
            return seconds == null ? null : Duration.ofSeconds(seconds);
        }
        String text = raw instanceof String written ? written.strip() : "";
        try {
            return text.matches("\\d{1,9}") ? Duration.ofSeconds(Long.parseLong(text)) : GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            duration.error("must be a duration such as 30s, 5m or 1h, or a number of seconds, not "
                    + duration.shown());
            return null;
        }
    }
}
