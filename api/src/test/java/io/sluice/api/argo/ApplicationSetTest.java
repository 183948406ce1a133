package io.sluice.api.argo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Documents;
import io.sluice.api.Kinds;
import io.sluice.api.read.ReadResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApplicationSetTest {
    private static final String NOT_GENERATED = "ApplicationSet documents are read and checked, but no stage acts on"
            + " them yet: no Application is generated yet";

    @Test
    void readsTheGuidesMultiRegionApplicationSetVerbatim() {
        ReadResult<?> read = Documents.file("seed/applicationset-multi-region.yaml").get(0);
        assertTrue(read.valid(), () -> read.errorMessages().toString());
        assertEquals(List.of(NOT_GENERATED), read.warnings().stream().map(Object::toString).toList(),
                "the only warning: Sluice generates no Application yet");
        ApplicationSet.Spec spec = ((ApplicationSet) read.value()).spec();
        assertFalse(spec.goTemplate());
        Generator.ListGenerator list = spec.generators().get(0).list();
        assertEquals(3, list.elements().size());
        assertEquals(Map.of("cluster", "tokyo", "url", "https://tokyo-api.example.com", "region", "ap-northeast-1"),
                list.elements().get(0));
        ApplicationSet.Template template = spec.template();
        assertEquals("web-app-{{cluster}}", template.metadata().name());
        assertEquals(Map.of("region", "{{region}}"), template.metadata().labels());
        assertEquals(Map.of("server", "{{url}}", "namespace", "production"), template.spec().get("destination"),
                "the template's spec is kept as written, placeholders included");
        assertEquals("sync", spec.syncPolicy().applicationsSync());
        assertEquals("AllAtOnce", spec.strategy().type());
        assertFalse(Kinds.isApplication(read.ref()));
    }

    @Test
    void readsArgoCdsMatrixAndGitDirectoryExamples() {
        ReadResult<?> matrix = Documents.file("upstream/applicationset-cluster-git.yaml").get(0);
        assertTrue(matrix.valid(), () -> matrix.errorMessages().toString());
        assertEquals(List.of(NOT_GENERATED), matrix.warnings().stream().map(Object::toString).toList());
        ApplicationSet.Spec spec = ((ApplicationSet) matrix.value()).spec();
        assertTrue(spec.goTemplate());
        assertEquals(List.of("missingkey=error"), spec.goTemplateOptions());
        List<Generator> children = spec.generators().get(0).matrix().generators();
        assertEquals("HEAD", children.get(0).git().revision());
        assertEquals(List.of(new Generator.PathPattern("applicationset/examples/matrix/cluster-addons/*", false)),
                children.get(0).git().directories());
        assertEquals(Map.of("argocd.argoproj.io/secret-type", "cluster"),
                children.get(1).clusters().selector().matchLabels());

        ReadResult<?> git = Documents.file("upstream/applicationset-cluster-addons.yaml").get(0);
        assertTrue(git.valid(), () -> git.errorMessages().toString());
        assertEquals(List.of(NOT_GENERATED), git.warnings().stream().map(Object::toString).toList());
        assertEquals("https://github.com/argoproj/argo-cd.git",
                ((ApplicationSet) git.value()).spec().generators().get(0).git().repoUrl());
    }

    @Test
    void wrongFieldsAreErrorsNamingTheFileLineAndFieldPath() {
        ReadResult<ApplicationSet> read = Documents.one(ApplicationSet.KIND, "appsets/web.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata: {name: web, namespace: argocd}
                spec:
                  goTemplateOptions: ["missingkey=panic"]
                  generators:
                    - {}
                    - matrix:
                        generators:
                          - list: {elements: [{a: 1}]}
                          - clusters: {}
                            git: {repoURL: 'https://github.com/org/app', revision: HEAD}
                          - matrix:
                              generators:
                                - merge:
                                    mergeKeys: [server]
                                    generators: [{clusters: {}}, {clusters: {}}]
                                - list: {elements: []}
                    - merge:
                        generators: [{clusters: {}}]
                    - git:
                        repoURL: 'not a url'
                        directories: [{exclude: true}]
                      selector:
                        matchExpressions: [{key: env, operator: In}]
                  template:
                    metadata: {name: '{{name}}'}
                    spec:
                      source: '{{source}}'
                      sources: {}
                  strategy:
                    type: RollingSync
                    rollingSync:
                      steps: [{matchExpressions: [{key: env, operator: Exists}], maxUpdate: half}]
                  syncPolicy: {applicationsSync: create-all}
                """);
        String at = "appsets/web.yaml:1 (document 1): ApplicationSet argocd/web: ";
        assertEquals(List.of(
                at + "spec.goTemplateOptions[0] must be missingkey=default, missingkey=invalid, missingkey=zero or"
                        + " missingkey=error, not 'missingkey=panic'",
                at + "spec.generators[0] sets no generator (list, clusters, git, matrix, merge, scmProvider, pullRequest,"
                        + " clusterDecisionResource, plugin)",
                at + "spec.generators[1].matrix.generators[1] sets clusters and git: each generator of a matrix or merge"
                        + " sets exactly one",
                at + "spec.generators[1].matrix.generators[2].matrix.generators[0].merge.generators cannot be nested"
                        + " here: Argo CD nests matrix and merge generators two levels deep at most",
                at + "spec.generators[1].matrix.generators must list exactly two generators, not 3",
                at + "spec.generators[2].merge.mergeKeys is required (at least one key)",
                at + "spec.generators[2].merge.generators must list two generators or more, not 1",
                at + "spec.generators[3].git.repoURL 'not a url' is not a Git repository URL",
                at + "spec.generators[3].git.revision is required",
                at + "spec.generators[3].git.directories[0].path is required",
                at + "spec.generators[3].selector.matchExpressions[0].values must not be empty for operator In",
                at + "spec.template.spec.project is required",
                at + "spec.template.spec.destination is required",
                at + "spec.template.spec.source must be a mapping, not '{{source}}'",
                at + "spec.template.spec.sources must be a list, not a mapping",
                at + "spec.syncPolicy.applicationsSync must be create-only, create-update, create-delete or sync, not"
                        + " 'create-all'",
                at + "spec.strategy.rollingSync.steps[0].maxUpdate must be a number or a percentage such as 25%, not"
                        + " 'half'",
                at + "spec.strategy.rollingSync.steps[0].matchExpressions[0].operator must be In or NotIn, not"
                        + " 'Exists'"),
                read.errorMessages());
    }

    @Test
    void generatorsSluiceDoesNotReadYetAreWarningsAndDefaults() {
        ReadResult<ApplicationSet> read = Documents.one(ApplicationSet.KIND, "appset.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata: {name: previews, namespace: argocd}
                spec:
                  generators:
                    - pullRequest: {github: {owner: org, repo: app}}
                    - list:
                        elementsYaml: "{{ .components | toJson }}"
                        template: {metadata: {labels: {preview: 'true'}}}
                  template:
                    metadata: {name: 'preview-{{.number}}'}
                    spec:
                      project: default
                      destination: {name: in-cluster}
                      sources: []
                  templatePatch: |
                    spec: {}
                """);
        assertTrue(read.valid(), () -> read.errorMessages().toString());
        assertEquals(List.of(NOT_GENERATED, "spec.generators[0].pullRequest is not supported by Sluice yet, ignored: no"
                + " Application is generated from it"), read.warnings().stream().map(Object::toString).toList());
        ApplicationSet.Spec spec = read.value().spec();
        Generator pullRequest = spec.generators().get(0);
        assertNull(pullRequest.list());
        assertEquals("{{ .components | toJson }}", spec.generators().get(1).list().elementsYaml());
        assertEquals(Map.of("metadata", Map.of("labels", Map.of("preview", "true"))),
                spec.generators().get(1).list().template());
        assertEquals("spec: {}\n", spec.templatePatch());
        assertEquals(ApplicationSet.SyncPolicy.DEFAULT, spec.syncPolicy());
        assertEquals(ApplicationSet.Strategy.ALL_AT_ONCE, spec.strategy());
        assertEquals(List.of(), spec.ignoreApplicationDifferences());
    }
}
