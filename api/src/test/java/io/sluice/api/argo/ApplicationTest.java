package io.sluice.api.argo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Documents;
import io.sluice.api.Kinds;
import io.sluice.api.ObjectRef;
import io.sluice.api.meta.NamespacedReference;
import io.sluice.api.read.Origin;
import io.sluice.api.read.ReadResult;
import io.sluice.api.read.YamlDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApplicationTest {

    @Test
    void readsTheGuidesWebAppVerbatim() {
        Application app = Documents.clean(Application.KIND, "seed/application-web-app.yaml").get(0);
        Application.Spec spec = app.spec();
        assertEquals(new ObjectRef("argoproj.io/v1alpha1", "Application", "argocd", "web-app"), app.ref());
        assertEquals("default", spec.project());
        assertEquals(1, spec.sources().size());
        ApplicationSource source = spec.sources().get(0);
        assertEquals("spec.source", source.field());
        assertEquals("production/web-app", source.path());
        assertEquals(new ImplicitSource.Git(ArgoSourceIds.gitSource("https://github.com/myorg/k8s-manifests.git",
                "main").orElseThrow(), "https://github.com/myorg/k8s-manifests.git", "main"), source.origin());
        assertNull(source.explicitType(), "no option block: the folder decides");
        assertEquals(new Destination(Destination.IN_CLUSTER_SERVER, null, "production"), spec.destination());
        assertTrue(spec.destination().inCluster());
        SyncPolicy policy = spec.syncPolicy();
        assertTrue(policy.automated());
        assertTrue(policy.prune());
        assertTrue(policy.selfHeal());
        assertFalse(policy.allowEmpty());
        assertTrue(policy.syncOptions().createNamespace());
        assertEquals(SyncOptions.PropagationPolicy.FOREGROUND, policy.syncOptions().prunePropagationPolicy());
        assertTrue(policy.syncOptions().pruneLast());
        assertEquals(new SyncPolicy.Retry(5, Duration.ofSeconds(5), 2, Duration.ofMinutes(3), false), policy.retry());
        assertEquals(List.of(new IgnoreDifference("apps", "Deployment", null, null, List.of("/spec/replicas"),
                List.of(), List.of())), spec.ignoreDifferences());
        assertEquals(Application.Cascade.FOREGROUND, spec.cascade());
        assertEquals(10, spec.revisionHistoryLimit());
        assertTrue(Kinds.isApplication(app.ref()));
    }

    @Test
    void readsTheGuidesMultiClusterApplicationsVerbatim() {
        List<Application> apps = Documents.clean(Application.KIND, "seed/application-multi-cluster.yaml");
        assertEquals(List.of("web-app-tokyo", "web-app-ireland"), apps.stream().map(app -> app.metadata().name())
                .toList());
        assertEquals("https://tokyo-api.example.com", apps.get(0).spec().destination().server());
        assertFalse(apps.get(0).spec().destination().inCluster());
        assertEquals(apps.get(0).spec().origins(), apps.get(1).spec().origins(), "one repository at one revision:"
                + " one implicit source");
        assertEquals(Application.Cascade.NONE, apps.get(0).spec().cascade(), "no resources finalizer: objects stay");
        assertNull(apps.get(0).spec().syncPolicy().retry());
    }

    @Test
    void readsArgoCdsReferenceExampleWithItsUnsupportedFieldsAsWarnings() {
        ReadResult<?> read = Documents.file("upstream/application-guestbook.yaml").get(0);
        assertTrue(read.valid(), () -> read.errorMessages().toString());
        assertEquals(List.of(
                "spec.source is ignored: spec.sources is set, and Argo CD then reads spec.sources alone",
                "spec.syncPolicy.syncOptions[0] 'Validate=false' is not supported by Sluice yet, ignored: Sluice does"
                        + " not turn the API server's validation off",
                "spec.syncPolicy.syncOptions[6] 'SkipDryRunOnMissingResource=true' is not supported by Sluice yet,"
                        + " ignored: Sluice does not skip the dry run",
                "spec.sourceHydrator is not supported by Sluice yet, ignored: Sluice renders spec.source or"
                        + " spec.sources itself"),
                read.warnings().stream().map(Object::toString).toList());
        Application.Spec spec = ((Application) read.value()).spec();
        assertEquals(1, spec.sources().size(), "spec.sources alone");
        ApplicationSource source = spec.sources().get(0);
        assertEquals("spec.sources[0]", source.field());
        assertEquals("my-repo", source.ref());
        assertEquals("guestbook", source.name());
        SyncOptions options = spec.syncPolicy().syncOptions();
        assertTrue(options.replace());
        assertTrue(options.respectIgnoreDifferences());
        assertTrue(options.applyOutOfSyncOnly());
        assertFalse(options.validate());
        assertEquals(Map.of("any", "label", "you", "like"), spec.syncPolicy().managedNamespaceMetadata().labels());
        assertEquals(List.of(".data[\"config.yaml\"]"), spec.ignoreDifferences().get(1).jqPathExpressions());
        assertEquals("", spec.ignoreDifferences().get(1).group(), "the core group");
        assertEquals(List.of("kube-controller-manager"), spec.ignoreDifferences().get(2).managedFieldsManagers());
    }

    @Test
    void theReferenceExamplesSingleSourceSetsEveryOptionBlockWhichArgoCdRefuses() {
        // The example's spec.source, read on its own as render-service re-reads a merged source.
        @SuppressWarnings("unchecked")
        Map<String, Object> source = (Map<String, Object>) ((Map<String, Object>) firstDocument(
                "upstream/application-guestbook.yaml").get("spec")).get("source");
        ReadResult<ApplicationSource> read = ApplicationSource.read(source, "spec.source", false,
                new ObjectRef("argoproj.io/v1alpha1", "Application", "argocd", "guestbook"),
                Origin.of("upstream/application-guestbook.yaml"));
        assertEquals("upstream/application-guestbook.yaml: Application argocd/guestbook: spec.source.helm.version"
                + " is not supported by Sluice yet, ignored", read.describe(read.warnings().get(7)));
        assertEquals(List.of("spec.source sets directory and kustomize and helm and plugin: only one of directory,"
                + " kustomize, helm and plugin may be set",
                "spec.source.targetRevision 'HEAD' is not a version or semver range (e.g. '1.2.3', '4.8.x', '>=1.0.0"
                        + " <2.0.0')"),
                read.errors().stream().map(Object::toString).toList());
        assertEquals(List.of(
                "spec.source.directory.jsonnet is not supported by Sluice yet, ignored: Jsonnet files are not"
                        + " evaluated",
                "spec.source.kustomize.commonAnnotationsEnvsubst is not supported by Sluice yet, ignored: annotations"
                        + " are set as written",
                "spec.source.plugin is not supported by Sluice yet, ignored: config management plugins are not run:"
                        + " the folder is rendered as Sluice finds it (a kustomization, a chart, or plain manifests)",
                "spec.source.kustomize.version is not supported by Sluice yet, ignored",
                "spec.source.kustomize.kubeVersion is not supported by Sluice yet, ignored",
                "spec.source.kustomize.apiVersions is not supported by Sluice yet, ignored",
                "spec.source.helm.fileParameters is not supported by Sluice yet, ignored",
                "spec.source.helm.version is not supported by Sluice yet, ignored",
                "spec.source.helm.kubeVersion is not supported by Sluice yet, ignored",
                "spec.source.helm.apiVersions is not supported by Sluice yet, ignored",
                "spec.source.helm.namespace is not supported by Sluice yet, ignored: the chart is templated into"
                        + " spec.destination.namespace"),
                read.warnings().stream().map(Object::toString).toList());
    }

    @Test
    void optionBlocksAreReadWithArgoCdsForms() {
        Application app = Documents.valid(Application.KIND, """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: web, namespace: argocd}
                spec:
                  project: default
                  destination: {name: in-cluster, namespace: web}
                  sources:
                    - repoURL: https://charts.example.com/
                      chart: web
                      targetRevision: 1.2
                      helm:
                        releaseName: front
                        valueFiles: [values.yaml, $values/prod.yaml]
                        values: |
                          replicas: 2
                        valuesObject: {replicas: 3}
                        parameters:
                          - {name: image.tag, value: 1.10}
                          - {name: flag, value: true, forceString: true}
                          - {name: empty}
                    - repoURL: git@github.com:org/values.git
                      ref: values
                    - repoURL: https://github.com/org/app
                      path: overlays/prod
                      kustomize:
                        namePrefix: prod-
                        namespace: web
                        images: [myregistry/web-app:1.0.0, old=registry:5000/new@sha256:abc]
                        commonLabels: {team: web}
                        forceCommonLabels: true
                        replicas: [{name: web, count: 3}, {name: worker, count: "2"}]
                        patches:
                          - patch: '[{"op": "replace", "path": "/spec/replicas", "value": 1}]'
                            target: {kind: Deployment, name: web}
                        components: [../components/monitoring]
                    - repoURL: https://github.com/org/app
                      path: plain
                      directory: {recurse: true, include: '*.yaml', exclude: '{test/*}'}
                """);
        List<ApplicationSource> sources = app.spec().sources();
        ApplicationSource chart = sources.get(0);
        assertEquals("1.2", chart.targetRevision(), "YAML reads 1.2 as a number");
        assertEquals(ApplicationSource.Type.HELM, chart.explicitType());
        ImplicitSource.HelmChart origin = (ImplicitSource.HelmChart) chart.origin();
        assertEquals(ArgoSourceIds.helmChartSource("https://charts.example.com/", "web", "1.2"), origin.ref());
        assertEquals(ArgoSourceIds.helmRepository("https://charts.example.com/"), origin.repository());
        assertEquals("1.2", origin.version().toString());
        HelmOptions helm = chart.helm();
        assertEquals("front", helm.releaseName());
        assertEquals(List.of("values.yaml", "$values/prod.yaml"), helm.valueFiles());
        assertEquals("replicas: 2\n", helm.values());
        assertEquals(Map.of("replicas", 3), helm.valuesObject());
        assertEquals(List.of(new HelmOptions.Parameter("image.tag", "1.1", false),
                new HelmOptions.Parameter("flag", "true", true), new HelmOptions.Parameter("empty", "", false)),
                helm.parameters(), "YAML reads 1.10 as the number 1.1: versions need quotes");
        ApplicationSource values = sources.get(1);
        assertTrue(values.referenceOnly());
        assertEquals("ssh://git@github.com/org/values.git", ((ImplicitSource.Git) values.origin()).url());
        assertEquals("HEAD", ((ImplicitSource.Git) values.origin()).revision());
        KustomizeOptions kustomize = sources.get(2).kustomize();
        assertEquals(ApplicationSource.Type.KUSTOMIZE, sources.get(2).explicitType());
        assertEquals("prod-", kustomize.build().namePrefix());
        assertEquals("web", kustomize.build().targetNamespace());
        assertEquals(List.of(new io.sluice.api.kustomize.Image("myregistry/web-app", null, "1.0.0", null),
                new io.sluice.api.kustomize.Image("old", "registry:5000/new", null, "sha256:abc")),
                kustomize.build().images());
        assertEquals(Map.of("team", "web"), kustomize.commonLabels());
        assertTrue(kustomize.forceCommonLabels());
        assertEquals(List.of(new KustomizeOptions.Replica("web", 3), new KustomizeOptions.Replica("worker", 2)),
                kustomize.replicas());
        assertEquals(Map.of("kind", "Deployment", "name", "web"), kustomize.build().patches().get(0).target());
        assertEquals(List.of("../components/monitoring"), kustomize.build().components());
        assertEquals(new DirectoryOptions(true, "*.yaml", "{test/*}"), sources.get(3).directory());
        assertEquals(sources.get(2).origin(), sources.get(3).origin(), "one repository, one revision");
        assertEquals(3, app.spec().origins().size());
    }

    @Test
    void spec_sourcesAloneIsReadWhenItHasSources() {
        ReadResult<Application> both = Documents.one(Application.KIND, "app.yaml", application("""
                  source: {repoURL: 'https://github.com/org/old', path: old}
                  sources:
                    - {repoURL: 'https://github.com/org/new', path: new}
                """));
        assertEquals(List.of("spec.source is ignored: spec.sources is set, and Argo CD then reads spec.sources alone"),
                both.warnings().stream().map(Object::toString).toList());
        assertEquals(List.of("new"), both.value().spec().sources().stream().map(ApplicationSource::path).toList());

        Application emptySources = Documents.valid(Application.KIND, application("""
                  source: {repoURL: 'https://github.com/org/old', path: old}
                  sources: []
                """));
        assertEquals(List.of("spec.source"), emptySources.spec().sources().stream().map(ApplicationSource::field)
                .toList(), "an empty spec.sources is none, as in Argo CD");

        ReadResult<Application> neither = Documents.one(Application.KIND, "app.yaml", application("""
                  sourceHydrator: {drySource: {repoURL: 'https://github.com/org/app'}}
                """));
        assertEquals(List.of("spec.source or spec.sources is required (Sluice does not support spec.sourceHydrator"
                + " yet)"), neither.errors().stream().map(Object::toString).toList());
    }

    @Test
    void eachSourceIsFoundAsWrittenForReadingAgainOnceAmended() {
        String yaml = application("""
                  sources:
                    - {repoURL: 'https://github.com/org/app', path: app, kustomize: {namePrefix: a-}}
                    - {repoURL: 'https://github.com/org/values', ref: values}
                """);
        Map<String, Object> document = YamlDocuments.parse("app.yaml", yaml.getBytes(StandardCharsets.UTF_8))
                .documents().get(0).content();
        Application app = Documents.valid(Application.KIND, yaml);
        ApplicationSource second = app.spec().sources().get(1);
        assertTrue(second.inSources());
        assertEquals(Map.of("repoURL", "https://github.com/org/values", "ref", "values"), second.writtenIn(document));

        Map<String, Object> amended = new LinkedHashMap<>(app.spec().sources().get(0).writtenIn(document));
        amended.put("kustomize", Map.of("namePrefix", "b-"));
        ReadResult<ApplicationSource> read = ApplicationSource.read(amended, "spec.sources[0]", true, app.ref(),
                Origin.of("app.yaml"));
        assertEquals("b-", read.value().kustomize().build().namePrefix());

        Application single = Documents.valid(Application.KIND, application("""
                  source: {repoURL: 'https://github.com/org/app', path: app}
                """));
        assertFalse(single.spec().sources().get(0).inSources());
    }

    @Test
    void theDestinationNamesItsClusterByServerOrName() {
        ReadResult<Application> neither = Documents.one(Application.KIND, "app.yaml", application("""
                  source: {repoURL: 'https://github.com/org/app'}
                """).replace("{server: 'https://kubernetes.default.svc', namespace: web}", "{namespace: web}"));
        assertEquals(List.of("spec.destination needs server or name (https://kubernetes.default.svc or in-cluster for"
                + " the cluster Sluice runs in)"), neither.errors().stream().map(Object::toString).toList());
        ReadResult<Application> none = Documents.one(Application.KIND, "app.yaml", application("""
                  source: {repoURL: 'https://github.com/org/app'}
                """).replace("  destination: {server: 'https://kubernetes.default.svc', namespace: web}\n", ""));
        assertEquals(List.of("spec.destination is required"), none.errors().stream().map(Object::toString).toList());
        Destination byName = Documents.valid(Application.KIND, application("""
                  source: {repoURL: 'https://github.com/org/app'}
                """).replace("server: 'https://kubernetes.default.svc'", "name: in-cluster")).spec().destination();
        assertTrue(byName.inCluster());
        assertEquals("spec.destination.name", byName.field());
        assertTrue(new Destination("https://kubernetes.default.svc/", null, null).inCluster());
    }

    @Test
    void wrongFieldsAreErrorsNamingTheFileLineAndFieldPath() {
        ReadResult<Application> read = Documents.one(Application.KIND, "apps/web.yaml", """
                # the web application
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: web
                  namespace: argocd
                  annotations:
                    sluice.io/depends-on: "argocd/db,,cache"
                spec:
                  destination: {server: 'https://kubernetes.default.svc', name: in-cluster}
                  sources:
                    - repoURL: oci://user:s3cret@registry.example.com/charts
                      chart: web
                    - repoURL: https://github.com/org/app
                      helm:
                        valueFiles: values.yaml
                        values: {replicas: 2}
                      kustomize:
                        replicas: [{name: web, count: three}]
                        patches: [{path: patch.yaml}]
                    - repoURL: https://user:s3cret@example.com/
                    - path: apps
                    - repoURL: https://charts.example.com
                      chart: web
                      targetRevision: v1.x.y.z
                  syncPolicy:
                    syncOptions:
                      - CreateNamespace=true
                      - PruneLast=yes
                      - PrunePropagationPolicy=sideways
                      - createNamespace=true
                    retry:
                      limit: many
                      backoff: {duration: soon, factor: 0, maxDuration: 0}
                  ignoreDifferences:
                    - group: apps
                      jsonPointers: [spec/replicas, ""]
                  revisionHistoryLimit: -1
                """);
        assertFalse(read.valid());
        String at = "apps/web.yaml:2 (document 1): Application argocd/web: ";
        assertEquals(List.of(
                at + "spec.project is required (default for Argo CD's default project)",
                at + "spec.sources[0].repoURL 'oci://registry.example.com/charts' is not an http(s) Helm repository:"
                        + " charts from OCI registries are not supported by Sluice yet",
                at + "spec.sources[1] sets kustomize and helm: only one of directory, kustomize, helm and plugin may"
                        + " be set",
                at + "spec.sources[1].kustomize.patches[0].path is not supported by Sluice yet: write the patch inline"
                        + " in patch",
                at + "spec.sources[1].kustomize.replicas[0].count must be a whole number, not 'three'",
                at + "spec.sources[1].helm.values must be a string holding YAML (use valuesObject for an object)",
                at + "spec.sources[1].helm.valueFiles must be a list, not 'values.yaml'",
                at + "spec.sources[2].repoURL 'https://example.com/' is not a Git repository URL (https://, http://,"
                        + " ssh://, git://, file:// or user@host:path)",
                at + "spec.sources[3].repoURL is required",
                at + "spec.sources[4].targetRevision 'v1.x.y.z' is not a version or semver range (e.g. '1.2.3',"
                        + " '4.8.x', '>=1.0.0 <2.0.0')",
                at + "spec.destination names both server and name: set only one",
                at + "spec.syncPolicy.syncOptions[1] must be PruneLast=true or false, not 'PruneLast=yes'",
                at + "spec.syncPolicy.syncOptions[2] must be PrunePropagationPolicy=foreground, background or orphan,"
                        + " not 'PrunePropagationPolicy=sideways'",
                at + "spec.syncPolicy.syncOptions[3] must be CreateNamespace=true or false, not 'createNamespace=true'",
                at + "spec.syncPolicy.retry.backoff.factor must be 1 or more, not 0",
                at + "spec.syncPolicy.retry.limit must be a whole number, not 'many'",
                at + "spec.syncPolicy.retry.backoff.duration must be a number of seconds or a duration such as 5s, 2m"
                        + " or 1h, not 'soon'",
                at + "spec.syncPolicy.retry.backoff.maxDuration must be longer than 0, not '0'",
                at + "spec.ignoreDifferences[0].kind is required",
                at + "spec.ignoreDifferences[0].jsonPointers[0] 'spec/replicas' is not a JSON pointer (RFC 6901,"
                        + " e.g. /spec/replicas): Invalid input: JSON Pointer expression must start with '/':"
                        + " \"spec/replicas\"",
                at + "spec.ignoreDifferences[0].jsonPointers[1] must not be empty: the empty pointer would ignore the"
                        + " whole object",
                at + "spec.revisionHistoryLimit must be 0 or more, not -1",
                at + "metadata.annotations.sluice.io/depends-on must list namespace/name or name, separated by commas,"
                        + " not 'argocd/db,,cache'"),
                read.errorMessages());
        assertFalse(read.errorMessages().toString().contains("s3cret"), "credentials are never quoted");
    }

    @Test
    void defaultsAreArgoCdsOwn() {
        Application app = Documents.valid(Application.KIND, application("""
                  source:
                    repoURL: https://github.com/org/app
                  syncPolicy:
                    automated: {}
                    retry: {}
                """));
        Application.Spec spec = app.spec();
        ApplicationSource source = spec.sources().get(0);
        assertNull(source.path(), "the repository's root");
        assertNull(source.targetRevision());
        assertEquals("HEAD", ((ImplicitSource.Git) source.origin()).revision(), "the default branch");
        assertEquals(DirectoryOptions.DEFAULT, source.directory());
        assertEquals(KustomizeOptions.NONE, source.kustomize());
        assertEquals(HelmOptions.NONE, source.helm());
        assertTrue(spec.syncPolicy().automated(), "automated present, even empty, is automated");
        assertFalse(spec.syncPolicy().prune());
        assertFalse(spec.syncPolicy().selfHeal());
        assertEquals(new SyncPolicy.Retry(0, Duration.ofSeconds(5), 2, Duration.ofMinutes(3), false),
                spec.syncPolicy().retry(), "Argo CD's DefaultSyncRetry* values; a retry without limit retries none");
        assertEquals(SyncOptions.DEFAULTS, spec.syncPolicy().syncOptions());
        assertEquals(10, spec.revisionHistoryLimit());
        assertEquals(List.of(), spec.dependsOn());
        assertEquals(Application.Cascade.NONE, spec.cascade());

        Application blankProject = Documents.valid(Application.KIND, application("""
                  source: {repoURL: 'https://github.com/org/app'}
                """).replace("project: default", "project: ''"));
        assertEquals("default", blankProject.spec().project(), "an empty project is Argo CD's default project");

        Application noPolicy = Documents.valid(Application.KIND, application("""
                  source: {repoURL: 'https://github.com/org/app'}
                  syncPolicy:
                    automated: {enabled: false, prune: true}
                    retry: {backoff: {duration: 10, maxDuration: '1h'}}
                """));
        assertFalse(noPolicy.spec().syncPolicy().automated(), "automated.enabled: false turns it off");
        assertFalse(noPolicy.spec().syncPolicy().prune(), "prune counts only when automated");
        assertEquals(Duration.ofSeconds(10), noPolicy.spec().syncPolicy().retry().duration(), "a number is seconds");
        assertEquals(Duration.ofHours(1), noPolicy.spec().syncPolicy().retry().maxDuration());
    }

    @Test
    void dependsOnAnnotationAndResourcesFinalizers() {
        Application app = Documents.valid(Application.KIND, """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: web
                  namespace: apps
                  annotations: {sluice.io/depends-on: "argocd/db, cache"}
                  finalizers: [resources-finalizer.argocd.argoproj.io/foreground,
                      resources-finalizer.argocd.argoproj.io/background]
                spec:
                  project: default
                  destination: {server: 'https://kubernetes.default.svc'}
                  source: {repoURL: 'https://github.com/org/app'}
                """);
        assertEquals(List.of(new NamespacedReference("db", "argocd"), new NamespacedReference("cache", "apps")),
                app.spec().dependsOn());
        assertEquals(Application.Cascade.BACKGROUND, app.spec().cascade(), "background wins, as apply-service had it");

        ReadResult<Application> unknown = Documents.one(Application.KIND, "app.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: web
                  finalizers: [resources-finalizer.argocd.argoproj.io/sideways]
                spec:
                  project: default
                  destination: {server: 'https://kubernetes.default.svc'}
                  source: {repoURL: 'https://github.com/org/app'}
                """);
        assertEquals(List.of("metadata.finalizers[0] 'resources-finalizer.argocd.argoproj.io/sideways' is not a"
                + " resources finalizer Argo CD knows (resources-finalizer.argocd.argoproj.io, or with /foreground or"
                + " /background): the objects stay when the Application is deleted"),
                unknown.warnings().stream().map(Object::toString).toList());
        assertEquals(Application.Cascade.NONE, unknown.value().spec().cascade());
    }

    @Test
    void fieldsSluiceDoesNotActOnAreWarnings() {
        ReadResult<Application> read = Documents.one(Application.KIND, "app.yaml", application("""
                  source:
                    repoURL: https://github.com/org/app
                    ref: values
                    tagPrefix: web/
                    helm:
                      passCredentials: true
                      skipTests: false
                    targetRevison: main
                  syncPolicy:
                    syncOptions: [ServerSideApply=false, Prune=confirm, FailOnSharedResource=true, Sideways=true]
                    managedNamespaceMetadata: {labels: {team: web}}
                """));
        assertTrue(read.valid(), () -> read.errorMessages().toString());
        assertEquals(List.of(
                "spec.source.ref is used only in spec.sources, ignored",
                "spec.source.helm.passCredentials is not supported by Sluice yet, ignored",
                "spec.syncPolicy.syncOptions[0] 'ServerSideApply=false' is not supported by Sluice yet, ignored: Sluice"
                        + " always applies server-side",
                "spec.syncPolicy.syncOptions[1] 'Prune=confirm' is not supported by Sluice yet: it asks for a"
                        + " confirmation Sluice cannot take yet, so the object is kept, as with Prune=false",
                "spec.syncPolicy.syncOptions[2] 'FailOnSharedResource=true' is not supported by Sluice yet, ignored:"
                        + " objects another Application manages are not refused",
                "spec.syncPolicy.syncOptions[3] 'Sideways=true' is not a sync option Sluice knows, ignored",
                "spec.syncPolicy.managedNamespaceMetadata is used only with syncOptions CreateNamespace=true, ignored",
                "spec.source.tagPrefix is not supported by Sluice yet, ignored: semver ranges are matched against every"
                        + " tag",
                "spec.source.targetRevison is not a field Sluice knows, ignored"),
                read.warnings().stream().map(Object::toString).toList());
        assertNull(read.value().spec().sources().get(0).ref());
        assertTrue(read.value().spec().syncPolicy().syncOptions().keepsObject());
    }

    private static Map<String, Object> firstDocument(String path) {
        try (InputStream in = ApplicationTest.class.getResourceAsStream("/" + path)) {
            return YamlDocuments.parse(path, in.readAllBytes()).documents().get(0).content();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An Application in argocd with project default and the in-cluster destination, and {@code fields} of its spec. */
    static String application(String fields) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: web, namespace: argocd}
                spec:
                  project: default
                  destination: {server: 'https://kubernetes.default.svc', namespace: web}
                """ + fields;
    }
}
