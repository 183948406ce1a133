package io.sluice.api.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Documents;
import io.sluice.api.ObjectRef;
import io.sluice.api.meta.LocalReference;
import io.sluice.api.read.ReadResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.semver4j.Semver;

class GitRepositoryTest {
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void readsTheGuidesGitRepositoryVerbatim() {
        // The file's second document, a Secret, is no kind Sluice reads: only the GitRepository is taken.
        List<GitRepository> read = Documents.clean(GitRepository.KIND, "seed/gitrepository.yaml");
        assertEquals(1, read.size());
        GitRepository repository = read.get(0);
        GitRepository.Spec spec = repository.spec();
        assertEquals(new ObjectRef("source.toolkit.fluxcd.io/v1", "GitRepository", "flux-system", "k8s-manifests"),
                repository.ref());
        assertEquals("https://github.com/myorg/k8s-manifests", spec.url());
        assertEquals(GitRepositoryRef.branch("main"), spec.ref());
        assertEquals(Duration.ofMinutes(1), spec.interval());
        assertEquals(new LocalReference("github-token"), spec.secretRef());
        assertEquals("# Exclude CI/CD files\n.github/\n.gitlab-ci.yml\nJenkinsfile\n", spec.ignore());
        assertFalse(spec.suspend());
    }

    @Test
    void readsFluxsOwnExampleWithItsDefaults() {
        GitRepository podinfo = Documents.clean(GitRepository.KIND, "upstream/gitrepository-podinfo.yaml").get(0);
        GitRepository.Spec spec = podinfo.spec();
        assertEquals("https://github.com/stefanprodan/podinfo", spec.url());
        assertEquals(GitRepositoryRef.branch("master"), spec.ref());
        assertEquals(Duration.ofMinutes(5), spec.interval());
        assertEquals(Duration.ofSeconds(60), spec.timeout(), "Flux's default timeout");
        assertNull(spec.secretRef());
        assertNull(spec.ignore(), "not written: Flux's default exclusions");
        assertFalse(spec.suspend());
        assertEquals(spec, Documents.clean(GitRepository.KIND, "upstream/kustomization-podinfo.yaml").get(0).spec(),
                "the same source in Flux's Kustomization example");
    }

    @Test
    void withoutRefTheMasterBranchIsFollowed() {
        assertEquals(GitRepositoryRef.DEFAULT, read("url: https://example.com/repo.git").spec().ref());
        assertEquals(GitRepositoryRef.branch("master"), read("""
                url: https://example.com/repo.git
                ref: {}""").spec().ref());
    }

    @Test
    void refKeepsWhatTakesPrecedenceAsFluxDoes() {
        assertEquals(new GitRepositoryRef("main", null, null, null, SHA),
                ref("{branch: main, tag: v1, semver: '1.x', name: refs/heads/dev, commit: " + SHA + "}"),
                "commit first, with its branch");
        assertEquals(new GitRepositoryRef(null, null, null, "refs/pull/1/head", null),
                ref("{branch: main, tag: v1, semver: '1.x', name: refs/pull/1/head}"));
        assertEquals(new GitRepositoryRef(null, null, ">=1.0.0 <2.0.0", null, null),
                ref("{branch: main, tag: v1, semver: '>=1.0.0 <2.0.0'}"));
        assertEquals(new GitRepositoryRef(null, "v1.2.3", null, null, null), ref("{branch: main, tag: v1.2.3}"));
        assertEquals(GitRepositoryRef.branch("main"), ref("{branch: main}"));
    }

    @Test
    void wrongFieldsAreErrorsNamingTheFileLineAndFieldPath() {
        ReadResult<? extends io.sluice.api.Resource> read = Documents.text("clusters/prod/sources.yaml", """
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: GitRepository
                metadata: {name: ok, namespace: flux-system}
                spec: {interval: 1m, url: 'https://example.com/ok.git'}
                ---
                # the broken one
                apiVersion: source.toolkit.fluxcd.io/v1beta2
                kind: GitRepository
                metadata:
                  name: app
                  namespace: flux-system
                spec:
                  url: git@github.com:myorg/app.git
                  timeout: 1 minute
                  suspend: "yes"
                  provider: gitlab
                  secretRef: {key: token}
                  ref:
                    branch: main
                    commit: 0123abc
                """).get(1);
        assertFalse(read.valid());
        String where = "clusters/prod/sources.yaml:7 (document 2): GitRepository flux-system/app: ";
        assertEquals(List.of(
                where + "spec.url must be an ssh:// URL for SSH (ssh://user@host/path), not the scp-like form"
                        + " user@host:path",
                where + "spec.ref.commit must be a full 40-character lowercase SHA-1, not '0123abc'",
                where + "spec.provider must be generic, aws, azure or github, not 'gitlab'",
                where + "spec.interval is required",
                where + "spec.timeout must be a duration such as 30s, 5m or 1h30m, not '1 minute'",
                where + "spec.suspend must be true or false, not 'yes'",
                where + "spec.secretRef.name is required"),
                read.errorMessages());
        assertEquals(List.of(where + "spec.secretRef.key is not a field Sluice knows, ignored"),
                read.warningMessages());
    }

    @Test
    void refNamesAndRangesAreCheckedAsGitAndSemverDefineThem() {
        assertEquals(List.of("spec.ref.name must be a full Git reference such as refs/heads/main or"
                        + " refs/pull/1/head, not 'main'"), refErrors("ref: {name: main}"));
        assertEquals(List.of("spec.ref.name must be a full Git reference such as refs/heads/main or"
                        + " refs/pull/1/head, not 'refs/heads/a..b'"), refErrors("ref: {name: 'refs/heads/a..b'}"));
        assertEquals(List.of("spec.ref.semver '1.x.y' is not a semver range (e.g. '>=1.0.0 <2.0.0', '1.2.x',"
                + " '~1.2')"), refErrors("ref: {semver: 1.x.y}"));
        assertEquals(List.of("spec.ref.commit must be a full 40-character lowercase SHA-1, not '"
                + SHA.toUpperCase() + "'"), refErrors("ref: {commit: " + SHA.toUpperCase() + "}"));
        assertEquals(List.of(), refErrors("ref: {name: refs/merge-requests/1/head}"));
    }

    @Test
    void urlsAreQuotedWithoutCredentials() {
        assertEquals(List.of("spec.url must be an http://, https://, ssh://, git:// or file:// URL, not"
                + " 'ftp://example.com/repo.git'"), errors("url: 'ftp://git:s3cret@example.com/repo.git'"));
        assertEquals(List.of("spec.url must be an http://, https://, ssh://, git:// or file:// URL"),
                errors("url: 'git:s3cret@example.com/repo.git'"), "no scheme: nothing is quoted");
        assertEquals(List.of("spec.url is not a valid URL (Illegal character in path at character 23)"),
                errors("url: 'https://example.com/my repo.git'"));
        assertEquals(List.of(), errors("url: 'ssh://git@github.com/myorg/app.git'"));
        assertEquals(List.of(), errors("url: 'file:///srv/git/app.git'"));
        assertEquals("https://example.com/repo.git",
                read("url: 'https://git:s3cret@example.com/repo.git'").spec().displayUrl());
    }

    @Test
    void fieldsSluiceDoesNotActOnAreWarningsNotErrors() {
        ReadResult<GitRepository> read = Documents.one(GitRepository.KIND, "sources.yaml", """
                apiVersion: source.toolkit.fluxcd.io/v1beta2
                kind: GitRepository
                metadata: {name: app, namespace: flux-system}
                spec:
                  interval: 10m
                  url: https://dev.azure.com/org/project/_git/app
                  provider: azure
                  verify: {mode: HEAD, secretRef: {name: pgp-keys}}
                  include:
                    - repository: {name: shared}
                  recurseSubmodules: true
                  sparseCheckout: [deploy]
                  proxySecretRef: {name: proxy}
                  gitImplementation: go-git
                  accessFrom: {namespaceSelectors: [{matchLabels: {team: a}}]}
                  intervall: 1m
                """);
        assertTrue(read.valid(), () -> read.errorMessages().toString());
        assertEquals(List.of(
                "spec.provider is not supported by Sluice yet, ignored: Sluice authenticates with spec.secretRef only",
                "spec.recurseSubmodules is not supported by Sluice yet, ignored: submodules are not checked out",
                "spec.verify is not supported by Sluice yet, ignored: commit signatures are not verified",
                "spec.include is not supported by Sluice yet, ignored: other GitRepositories' files are not added",
                "spec.sparseCheckout is not supported by Sluice yet, ignored: the whole repository is checked out",
                "spec.proxySecretRef is not supported by Sluice yet, ignored: the repository is fetched without a"
                        + " proxy",
                "spec.intervall is not a field Sluice knows, ignored"),
                read.warnings().stream().map(Object::toString).toList());
    }

    @Test
    void defaultsAndWhatSaysNothingNeedNoWarning() {
        ReadResult<GitRepository> read = Documents.one(GitRepository.KIND, "sources.yaml", """
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: GitRepository
                metadata: {name: app}
                spec:
                  interval: 1h
                  timeout: 2m
                  url: https://example.com/app.git
                  provider: generic
                  recurseSubmodules: false
                  suspend: true
                """);
        assertEquals(List.of(), read.problems());
        GitRepository.Spec spec = read.value().spec();
        assertEquals("default", read.value().metadata().namespace());
        assertEquals(Duration.ofHours(1), spec.interval());
        assertEquals(Duration.ofMinutes(2), spec.timeout());
        assertTrue(spec.suspend());
    }

    @Test
    void semverRangesParseOnceForTheCheckAndTheChoiceOfTag() {
        assertTrue(SemverRange.parse("~1.2").isSatisfiedBy(Semver.parse("1.2.9")));
        assertFalse(SemverRange.parse(">=1.0.0 <2.0.0").isSatisfiedBy(Semver.parse("2.0.0")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SemverRange.parse(">="));
        assertEquals("'>=' is not a semver range (e.g. '>=1.0.0 <2.0.0', '1.2.x', '~1.2')", e.getMessage());
    }

    private static GitRepositoryRef ref(String ref) {
        return read("url: https://example.com/repo.git\nref: " + ref).spec().ref();
    }

    private static GitRepository read(String fields) {
        return Documents.valid(GitRepository.KIND, document(fields));
    }

    private static List<String> refErrors(String ref) {
        return errors("url: https://example.com/repo.git\n" + ref);
    }

    private static List<String> errors(String fields) {
        return Documents.errors(GitRepository.KIND, document(fields));
    }

    private static String document(String fields) {
        return """
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: GitRepository
                metadata: {name: app, namespace: flux-system}
                spec:
                  interval: 1m
                """ + fields.indent(2);
    }
}
