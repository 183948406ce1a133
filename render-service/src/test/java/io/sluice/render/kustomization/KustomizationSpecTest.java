package io.sluice.render.kustomization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sluice.events.ConfigDocument;
import io.sluice.api.ObjectRef;
import io.sluice.render.kustomization.BuildOptions.Image;
import io.sluice.render.kustomization.BuildOptions.Patch;
import io.sluice.render.kustomization.BuildOptions.PostBuild;
import io.sluice.render.kustomization.BuildOptions.SubstituteReference;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The build options of a Flux Kustomization as render reads them, and the errors that name bad fields. */
class KustomizationSpecTest {
    private static final ObjectRef REF = new ObjectRef("kustomize.toolkit.fluxcd.io/v1", "Kustomization",
            "flux-system", "web");

    private static KustomizationSpec spec(Map<String, Object> fields) {
        Map<String, Object> spec = new java.util.HashMap<>(fields);
        spec.put("sourceRef", Map.of("kind", "GitRepository", "name", "repo"));
        return KustomizationSpec.of(ConfigDocument.of(REF, "clusters/web.yaml", Map.of("spec", spec)));
    }

    @Test
    void readsEveryBuildOption() {
        KustomizationSpec spec = spec(Map.of(
                "targetNamespace", "production", "namePrefix", "p-", "nameSuffix", "-s",
                "patches", List.of(Map.of("patch", "- op: remove\n  path: /spec\n",
                        "target", Map.of("kind", "Deployment", "labelSelector", "app=web"))),
                "images", List.of(Map.of("name", "nginx", "newTag", "1.27")),
                "components", List.of("../components/a"), "ignoreMissingComponents", true,
                "commonMetadata", Map.of("labels", Map.of("team", "shop"), "annotations", Map.of("owner", "me")),
                "postBuild", Map.of("substitute", Map.of("cluster", "eu"),
                        "substituteFrom", List.of(Map.of("kind", "Secret", "name", "vars", "optional", true)))));

        assertEquals(List.of(), spec.errors());
        assertEquals(List.of(), spec.unsupportedFields());
        assertEquals(new BuildOptions("production", "p-", "-s",
                List.of(new Patch("- op: remove\n  path: /spec\n", Map.of("kind", "Deployment",
                        "labelSelector", "app=web"))),
                List.of(new Image("nginx", null, "1.27", null)), List.of("../components/a"), true,
                Map.of("team", "shop"), Map.of("owner", "me"),
                new PostBuild(false, Map.of("cluster", "eu"), List.of(new SubstituteReference("Secret", "vars", true)))),
                spec.build());
    }

    @Test
    void withoutPostBuildNothingIsSubstituted() {
        assertNull(spec(Map.of()).build().postBuild());
    }

    @Test
    void malformedOptionsAreErrorsNamingTheField() {
        KustomizationSpec spec = spec(Map.of(
                "namePrefix", 7,
                "patches", List.of(Map.of("target", Map.of("kind", "Deployment", "label", "app=web"))),
                "images", List.of(Map.of("newTag", "1.27")),
                "commonMetadata", Map.of("labels", Map.of("replicas", 3)),
                "postBuild", Map.of("substituteStrategy", "Sometimes",
                        "substituteFrom", List.of(Map.of("kind", "Pod", "name", "x")))));

        assertEquals(List.of(
                "clusters/web.yaml: spec.namePrefix must be a string",
                "clusters/web.yaml: spec.patches[0].patch is required",
                "clusters/web.yaml: spec.patches[0].target.label is not a selector field: use one of [group, version,"
                        + " kind, name, namespace, labelSelector, annotationSelector]",
                "clusters/web.yaml: spec.images[0].name is required",
                "clusters/web.yaml: spec.commonMetadata.labels.replicas must be a string",
                "clusters/web.yaml: spec.postBuild.substituteStrategy must be WithVariables or Always, not Sometimes",
                "clusters/web.yaml: spec.postBuild.substituteFrom[0].kind must be ConfigMap or Secret"),
                spec.errors());
    }

    @Test
    void buildFieldsNotSupportedYetAreListed() {
        assertEquals(List.of("spec.decryption", "spec.buildMetadata"), spec(Map.of(
                "decryption", Map.of("provider", "sops"), "buildMetadata", List.of("originAnnotations")))
                .unsupportedFields());
    }
}
