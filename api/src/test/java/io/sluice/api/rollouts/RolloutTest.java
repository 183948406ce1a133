package io.sluice.api.rollouts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Documents;
import io.sluice.api.Kinds;
import io.sluice.api.ObjectRef;
import io.sluice.api.meta.LabelSelector;
import io.sluice.api.read.ReadResult;
import io.sluice.api.read.YamlDocuments;
import io.sluice.api.rollouts.CanaryStrategy.Pause;
import io.sluice.api.rollouts.CanaryStrategy.Step;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RolloutTest {
    static final String NOT_ACTED_ON = " documents are read and checked, but no stage acts on them yet: no Rollout"
            + " controller runs yet";

    @Test
    void readsTheGuidesCanaryRolloutVerbatim() {
        ReadResult<Rollout> read = Documents.ofKind(Rollout.KIND, "seed/rollout-canary.yaml").get(0);
        assertEquals(List.of("Rollout" + NOT_ACTED_ON, "spec.strategy.canary.trafficRouting.istio is not supported by"
                + " Sluice yet, ignored: Sluice moves replicas, not traffic"), warnings(read));
        Rollout.Spec spec = read.orElseThrow().spec();
        assertEquals(new ObjectRef("argoproj.io/v1alpha1", "Rollout", "production", "web-app"), read.ref());
        assertEquals(10, spec.replicas());
        assertEquals(new LabelSelector(Map.of("app", "web"), List.of()), spec.selector());
        assertTrue(spec.template().containsKey("spec"));
        assertNull(spec.blueGreen());
        CanaryStrategy canary = spec.canary();
        assertEquals("web-canary", canary.canaryService());
        assertEquals("web-stable", canary.stableService());
        assertEquals(8, canary.steps().size());
        assertEquals(new Step(10, null, null, null), canary.steps().get(0));
        assertEquals(new Pause(Duration.ofMinutes(5)), canary.steps().get(1).pause());
        assertEquals(new RolloutAnalysis(List.of(new RolloutAnalysis.TemplateRef("success-rate", false)),
                List.of(new Argument("service-name", "web-canary", null)), List.of(), List.of()),
                canary.steps().get(2).analysis());
        assertEquals(100, canary.steps().get(7).setWeight());
        assertEquals(IntOrPercent.DEFAULT, canary.maxSurge());
        assertEquals(IntOrPercent.DEFAULT, canary.maxUnavailable());
        assertEquals(30, canary.scaleDownDelaySeconds(), "Argo's default with trafficRouting");
        assertEquals(10, spec.revisionHistoryLimit());
        assertEquals(600, spec.progressDeadlineSeconds());
    }

    @Test
    void readsArgoRolloutsOwnCanaryExample() {
        ReadResult<Rollout> read = Documents.ofKind(Rollout.KIND, "upstream/rollout-example-rollout.yaml").get(0);
        assertEquals(List.of("Rollout" + NOT_ACTED_ON), warnings(read));
        Rollout.Spec spec = read.orElseThrow().spec();
        assertEquals(30, spec.minReadySeconds());
        assertEquals(3, spec.revisionHistoryLimit());
        CanaryStrategy canary = spec.canary();
        assertEquals(new IntOrPercent(25, true), canary.maxSurge());
        assertEquals(new IntOrPercent(0, false), canary.maxUnavailable());
        assertEquals(List.of(new Step(10, null, null, null), new Step(null, new Pause(Duration.ofHours(1)), null, null),
                new Step(20, null, null, null), new Step(null, new Pause(null), null, null)), canary.steps());
        assertNull(canary.analysis());
        assertEquals(0, canary.scaleDownDelaySeconds(), "no delay without trafficRouting");
    }

    @Test
    void readsArgoRolloutsOwnBlueGreenExample() {
        ReadResult<Rollout> read = Documents.ofKind(Rollout.KIND, "upstream/rollout-bluegreen.yaml").get(0);
        assertEquals(List.of("Rollout" + NOT_ACTED_ON), warnings(read));
        Rollout.Spec spec = read.orElseThrow().spec();
        assertNull(spec.canary());
        assertEquals(new BlueGreenStrategy("rollout-bluegreen-active", "rollout-bluegreen-preview", false, 0, null,
                null, 30, null), spec.blueGreen());
    }

    @Test
    void defaults() {
        Rollout.Spec spec = Documents.valid(Rollout.KIND, """
                apiVersion: argoproj.io/v1alpha1
                kind: Rollout
                metadata: {name: web}
                spec:
                  selector: {matchLabels: {app: web}}
                  template: {metadata: {labels: {app: web, tier: front}}, spec: {containers: [{name: web, image: web}]}}
                  strategy:
                    blueGreen:
                      activeService: web
                      prePromotionAnalysis:
                        templates: [{templateName: smoke, clusterScope: true}]
                        args:
                          - {name: hash, valueFrom: {podTemplateHashValue: Latest}}
                          - {name: env, valueFrom: {fieldRef: {fieldPath: "metadata.labels['env']"}}}
                """).spec();
        assertEquals(1, spec.replicas());
        assertEquals(10, spec.revisionHistoryLimit());
        assertEquals(600, spec.progressDeadlineSeconds());
        assertEquals(0, spec.minReadySeconds());
        assertFalse(spec.paused());
        BlueGreenStrategy blueGreen = spec.blueGreen();
        assertTrue(blueGreen.autoPromotionEnabled());
        assertEquals(30, blueGreen.scaleDownDelaySeconds());
        assertNull(blueGreen.previewService());
        assertNull(blueGreen.previewReplicaCount());
        assertEquals(List.of(new RolloutAnalysis.TemplateRef("smoke", true)),
                blueGreen.prePromotionAnalysis().templates());
        assertEquals(List.of(new Argument("hash", null, new Argument.ValueFrom("Latest", null, null)),
                new Argument("env", null, new Argument.ValueFrom(null, "metadata.labels['env']", null))),
                blueGreen.prePromotionAnalysis().args());
        CanaryStrategy canary = Documents.valid(Rollout.KIND, """
                apiVersion: argoproj.io/v1alpha1
                kind: Rollout
                metadata: {name: web}
                spec:
                  selector: {matchLabels: {app: web}}
                  template: {metadata: {labels: {app: web}}}
                  strategy:
                    canary:
                      maxSurge: "1"
                      maxUnavailable: 2
                      analysis:
                        templates: [{templateName: success-rate}]
                        startingStep: 2
                      steps:
                        - pause: {duration: 10}
                        - pause: {duration: "90"}
                """).spec().canary();
        assertEquals(new IntOrPercent(1, false), canary.maxSurge());
        assertEquals(new IntOrPercent(2, false), canary.maxUnavailable());
        assertEquals(2, canary.analysis().startingStep());
        assertEquals(new Pause(Duration.ofSeconds(10)), canary.steps().get(0).pause(), "a number is seconds");
        assertEquals(new Pause(Duration.ofSeconds(90)), canary.steps().get(1).pause());
    }

    @Test
    void wrongFieldsAreErrorsNamingTheFileLineAndFieldPath() {
        ReadResult<Rollout> read = Documents.one(Rollout.KIND, "apps/web/rollout.yaml", """
                # web's rollout
                apiVersion: argoproj.io/v1alpha1
                kind: Rollout
                metadata: {name: web, namespace: prod}
                spec:
                  replicas: -1
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: api}}
                    spec: {containers: [{name: web, image: web:1}]}
                  minReadySeconds: 700
                  strategy:
                    canary:
                      canaryService: web
                      stableService: web
                      maxSurge: 0
                      maxUnavailable: "0%"
                      scaleDownDelaySeconds: 10
                      steps:
                      - setWeight: 10
                      - pause: {duration: soon}
                      - setWeight: 120
                      - {}
                      - setWeight: 20
                        pause: {}
                      - setCanaryScale: {replicas: 2}
                      - analysis: {templates: []}
                """);
        String where = "apps/web/rollout.yaml:2 (document 1): Rollout prod/web: ";
        assertEquals(List.of(
                where + "spec.template must have the labels spec.selector matches (app=web) in metadata.labels",
                where + "spec.progressDeadlineSeconds must be more than spec.minReadySeconds (700), not 600",
                where + "spec.replicas must be 0 or more, not -1",
                where + "spec.strategy.canary.stableService must not be the canaryService ('web')",
                where + "spec.strategy.canary.maxSurge and maxUnavailable must not both be 0",
                where + "spec.strategy.canary.scaleDownDelaySeconds is only accepted with trafficRouting (a canary"
                        + " without it has no delay)",
                where + "spec.strategy.canary.steps[1].pause.duration must be a duration such as 30s, 5m or 1h, or a"
                        + " number of seconds, not 'soon'",
                where + "spec.strategy.canary.steps[2].setWeight must be between 0 and 100, not 120",
                where + "spec.strategy.canary.steps[3] must have one of setWeight, pause, analysis, setCanaryScale,"
                        + " experiment, setHeaderRoute, setMirrorRoute or plugin",
                where + "spec.strategy.canary.steps[4] must have only one of setWeight, pause, analysis or experiment,"
                        + " not setWeight and pause",
                where + "spec.strategy.canary.steps[5].setCanaryScale needs spec.strategy.canary.trafficRouting (Argo"
                        + " Rollouts refuses it without)",
                where + "spec.strategy.canary.steps[6].analysis.templates must name at least one template"),
                read.errorMessages());
    }

    @Test
    void exactlyOneStrategyAndWhatItRequires() {
        assertEquals(List.of("spec.selector is required", "spec.template is required",
                "spec.strategy must have only one of canary or blueGreen",
                "spec.strategy.blueGreen.activeService is required"), errors("""
                  strategy:
                    canary: {}
                    blueGreen: {previewService: preview}
                """));
        assertEquals(List.of("spec.strategy must have canary or blueGreen"), errors("""
                  selector: {matchLabels: {app: web}}
                  template: {metadata: {labels: {app: web}}}
                """));
        assertEquals(List.of("spec.strategy.blueGreen.previewService must not be the activeService ('web')",
                "spec.strategy.blueGreen.scaleDownDelaySeconds must be 0 or more, not -30"), errors("""
                  selector: {matchLabels: {app: web}}
                  template: {metadata: {labels: {app: web}}}
                  strategy:
                    blueGreen: {activeService: web, previewService: web, scaleDownDelaySeconds: -30}
                """));
        assertEquals(List.of("spec.selector must not be empty",
                "spec.strategy.canary.canaryService is required with this trafficRouting",
                "spec.strategy.canary.stableService is required with this trafficRouting",
                "spec.strategy.canary.maxUnavailable must be a number of pods or a percentage such as '25%', not"
                        + " 'half'"), errors("""
                  selector: {}
                  template: {metadata: {labels: {app: web}}}
                  strategy:
                    canary:
                      maxUnavailable: half
                      trafficRouting: {nginx: {stableIngress: web}}
                """));
    }

    @Test
    void whatSluiceDoesNotDoIsAWarning() {
        ReadResult<Rollout> read = Documents.one(Rollout.KIND, "rollout.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: Rollout
                metadata: {name: web}
                spec:
                  workloadRef: {apiVersion: apps/v1, kind: Deployment, name: web}
                  selector: {matchLabels: {app: web}}
                  template: {metadata: {labels: {app: web}}}
                  restartAt: "2024-01-01T00:00:00Z"
                  strategy:
                    canary:
                      antiAffinity: {preferredDuringSchedulingIgnoredDuringExecution: {weight: 1}}
                      canaryService: web-canary
                      stableService: web-stable
                      trafficRouting:
                        smi: {rootService: web}
                        managedRoutes: [{name: header}]
                      steps:
                        - experiment: {templates: [{name: baseline, specRef: stable}]}
                        - setHeaderRoute: {name: header}
                        - setWeight: 20
                          sleep: 5m
                """);
        assertTrue(read.valid(), () -> read.errorMessages().toString());
        assertEquals(List.of(
                "spec.workloadRef is not supported by Sluice yet, ignored: write the pod template in spec.template",
                "Rollout" + NOT_ACTED_ON,
                "spec.restartAt is not supported by Sluice yet, ignored",
                "spec.strategy.canary.antiAffinity is not supported by Sluice yet, ignored",
                "spec.strategy.canary.trafficRouting.smi is not supported by Sluice yet, ignored: Sluice moves replicas,"
                        + " not traffic",
                "spec.strategy.canary.trafficRouting.managedRoutes is not supported by Sluice yet, ignored: Sluice moves"
                        + " replicas, not traffic",
                "spec.strategy.canary.steps[0].experiment is not supported by Sluice yet, ignored",
                "spec.strategy.canary.steps[1].setHeaderRoute is not supported by Sluice yet, ignored: Sluice moves"
                        + " replicas, not traffic",
                "spec.strategy.canary.steps[2].sleep is not a field Sluice knows, ignored"), warnings(read));
    }

    @Test
    void rolloutsAreManifestsNotConfiguration() {
        assertFalse(Rollout.KIND.configuration());
        assertEquals("no Rollout controller runs yet", Rollout.KIND.notActedOn());
        YamlDocuments.Document document = YamlDocuments.parse("rollout.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: Rollout
                metadata: {name: web}
                spec: {}
                """.getBytes(StandardCharsets.UTF_8)).documents().get(0);
        List<String> errors = Kinds.readConfiguration(document.content(), document.origin()).errors().stream()
                .map(Object::toString).toList();
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith("is not configuration: Rollout objects are applied as part of an"
                + " application's manifests (configuration kinds: GitRepository, "), errors.get(0));
        assertEquals(Rollout.KIND, Kinds.of(Kinds.refOf(document.content())).orElseThrow());
    }

    private static List<String> errors(String fields) {
        return Documents.one(Rollout.KIND, "rollout.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: Rollout
                metadata: {name: web}
                spec:
                """ + fields).errors().stream().map(Object::toString).toList();
    }

    static List<String> warnings(ReadResult<?> read) {
        return read.warnings().stream().map(Object::toString).toList();
    }
}
