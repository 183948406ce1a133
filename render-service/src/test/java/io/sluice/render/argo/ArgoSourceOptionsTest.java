package io.sluice.render.argo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.events.ConfigDocument;
import io.sluice.api.ObjectRef;
import io.sluice.render.kustomization.BuildOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pieces of an Application's options that are read as Argo CD reads them, without rendering. */
class ArgoSourceOptionsTest {

    @Test
    void globsMatchAcrossFoldersWithBracesAndClasses() {
        ArgoGlob yaml = ArgoGlob.compile("{*.yaml,*.yml}");
        assertTrue(yaml.matches("a.yaml"));
        assertTrue(yaml.matches("sub/deep/b.yml"), "'*' crosses '/' as in Argo CD");
        assertFalse(yaml.matches("c.json"));
        assertTrue(ArgoGlob.compile("env-[ab]/*").matches("env-a/config.yaml"));
        assertFalse(ArgoGlob.compile("env-[!ab]/*").matches("env-a/config.yaml"));
        assertTrue(ArgoGlob.compile("config?.yaml").matches("config1.yaml"));
        assertFalse(ArgoGlob.compile("config.yaml").matches("configXyaml"), "'.' is literal");
    }

    @Test
    void imagesAreReadAsKustomizeEditSetImageReadsThem() {
        assertEquals(new BuildOptions.Image("myregistry/web-app", null, "1.0.0", null),
                KustomizeImage.parse("myregistry/web-app:1.0.0"));
        assertEquals(new BuildOptions.Image("nginx", "registry.example:5000/nginx", "1.27", null),
                KustomizeImage.parse("nginx=registry.example:5000/nginx:1.27"));
        assertEquals(new BuildOptions.Image("registry.example:5000/web", null, null, "sha256:abc"),
                KustomizeImage.parse("registry.example:5000/web@sha256:abc"));
    }

    @Test
    void parametersAreAssignedAsHelmParsesArgosSetArguments() {
        assertEquals(Map.of("hosts", "a,b"), ArgoHelmChart.assignments(parameter("hosts", "a,b")));
        assertEquals(Map.of("path", "C:\\temp"), ArgoHelmChart.assignments(parameter("path", "C:\\\\temp")));
        assertEquals(Map.of("args[0]", "--verbose", "args[1]", "a,b"),
                ArgoHelmChart.assignments(parameter("args", "{--verbose,a\\,b}")));
    }

    @Test
    void aSourceWithSeveralOptionBlocksAndUnsupportedFieldsIsReportedByField() {
        ObjectRef ref = new ObjectRef("argoproj.io/v1alpha1", "Application", "argocd", "both");
        Map<String, Object> document = Map.of("apiVersion", ref.apiVersion(), "kind", ref.kind(),
                "metadata", Map.of("name", "both", "namespace", "argocd"),
                "spec", Map.of("source", Map.of("repoURL", "https://git.example/org/both.git", "path", "app",
                        "helm", Map.of("fileParameters", List.of()), "kustomize", Map.of("version", "v5"),
                        "plugin", Map.of("name", "cdk8s"))));
        ArgoApplication app = ArgoApplication.of(ConfigDocument.of(ref, "apps/both.yaml", document));

        assertEquals(List.of("apps/both.yaml: spec.source sets kustomize and helm: only one of directory, kustomize"
                + " and helm may be set"), app.errors());
        assertEquals(List.of("spec.source.kustomize.version", "spec.source.helm.fileParameters", "spec.source.plugin"),
                app.unsupportedFields());
    }

    private static ArgoSource.HelmOptions.Parameter parameter(String name, String value) {
        return new ArgoSource.HelmOptions.Parameter(name, value, false);
    }
}
