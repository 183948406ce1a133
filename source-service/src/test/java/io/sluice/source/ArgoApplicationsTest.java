package io.sluice.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.api.ObjectRef;
import io.sluice.api.argo.ArgoSourceIds;
import io.sluice.api.status.Reasons;
import io.sluice.events.ConfigDocument;
import io.sluice.events.Event;
import io.sluice.events.SourceArtifact;
import io.sluice.events.Topics;
import io.sluice.testkit.git.AuthGitHttpServer;
import io.sluice.testkit.git.WorkingCopy;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.process.Deadline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Argo CD Applications name their Git repository inline: every Application on one repository and
 * targetRevision shares one implicit source (polled every 2 s here, sluice.source.git.argo-interval).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(SourceTestFolders.class)
class ArgoApplicationsTest {
    private static Path work;
    private static CountingGitHttpServer git;
    private static TopicClients topics;

    @BeforeAll
    static void start() throws Exception {
        work = Files.createTempDirectory("sluice-argo-test-");
        git = CountingGitHttpServer.start(work.resolve("server"));
        topics = new TopicClients();
    }

    @AfterAll
    static void stop() throws Exception {
        topics.close();
        git.close();
    }

    @Test
    void applicationsOnOneRevisionShareOneSourceAndOneLsRemotePerInterval() throws Exception {
        WorkingCopy repo = WorkingCopy.create(work.resolve("shared"), git.createRepository("shared"));
        String first = repo.write("apps/web.yaml", "replicas: 1\n").commitAndPush("first");
        String url = git.url("shared");
        List<ObjectRef> apps = List.of(application("shared-1", url, "main"), application("shared-2", url, "main"),
                application("shared-3", url + "/", " main "));
        ObjectRef source = ArgoSourceIds.gitSource(url, "main").orElseThrow();
        String id = source.id();

        SourceArtifact artifact = topics.artifacts.await("the shared artifact", id,
                a -> a.revision().equals("main@sha1:" + first));
        assertEquals(200, ServiceHttp.get(artifact.url()).statusCode());
        Map<String, Object> status = ServiceHttp.source("", source.name()).orElseThrow();
        assertEquals("GitRepository", status.get("kind"));
        assertEquals(true, status.get("ready"));
        assertEquals(1, ServiceHttp.sources().stream().filter(s -> String.valueOf(s.get("url")).contains("/shared"))
                .count(), "one source for three Applications");

        double polls = ServiceHttp.metric("sluice_source_poll_seconds_count", id);
        int sessions = git.sessions("shared");
        Deadline.until("three more polls", TopicRecorder.TIMEOUT,
                () -> ServiceHttp.metric("sluice_source_poll_seconds_count", id) >= polls + 3);
        double pollsSince = ServiceHttp.metric("sluice_source_poll_seconds_count", id) - polls;
        int sessionsSince = git.sessions("shared") - sessions;
        // the poll in flight when counting stopped may have asked the server already
        assertTrue(sessionsSince >= pollsSince && sessionsSince <= pollsSince + 1,
                sessionsSince + " Git sessions for " + pollsSince + " polls of three Applications");
        assertEquals(1, topics.artifacts.values(id).size(), "one artifact for one commit");

        String second = repo.write("apps/web.yaml", "replicas: 2\n").commitAndPush("second");
        topics.artifacts.await("the next commit's artifact", id, a -> a.revision().equals("main@sha1:" + second));

        topics.publisher.tombstone(Topics.CONFIG, apps.get(0).id());
        topics.publisher.tombstone(Topics.CONFIG, apps.get(1).id());
        double before = ServiceHttp.metric("sluice_source_poll_seconds_count", id);
        Deadline.until("polls go on while an Application uses the source", TopicRecorder.TIMEOUT,
                () -> ServiceHttp.metric("sluice_source_poll_seconds_count", id) >= before + 2);
        assertFalse(topics.artifacts.hasTombstone(id));
        topics.publisher.tombstone(Topics.CONFIG, apps.get(2).id());
        topics.artifacts.awaitTombstone(id);
        Deadline.until("the source gone from /api/sources", TopicRecorder.TIMEOUT,
                () -> ServiceHttp.source("", source.name()).isEmpty());
    }

    @Test
    void eachTargetRevisionIsItsOwnSource() throws Exception {
        WorkingCopy repo = WorkingCopy.create(work.resolve("revisions"), git.createRepository("revisions"));
        String tagged = repo.write("app.yaml", "v: 1\n").commitAndPush("one");
        try (Git clone = Git.open(repo.dir().toFile())) {
            clone.tag().setName("v1.0.0").setAnnotated(true).setMessage("release").call();
            clone.push().setRemote("origin").setPushTags().call();
        }
        String latest = repo.write("app.yaml", "v: 2\n").commitAndPush("two");
        String url = git.url("revisions");
        application("revisions-head", url, "");
        ObjectRef tagApp = application("revisions-tag", url, "v1.0.0");
        application("revisions-range", url, "1.0.*");
        String head = ArgoSourceIds.gitSource(url, "HEAD").orElseThrow().id();
        String tag = ArgoSourceIds.gitSource(url, "v1.0.0").orElseThrow().id();
        String range = ArgoSourceIds.gitSource(url, "1.0.*").orElseThrow().id();
        assertEquals(3, List.of(head, tag, range).stream().distinct().count());

        topics.artifacts.await("HEAD: the default branch", head, a -> a.revision().equals("main@sha1:" + latest));
        SourceArtifact byTag = topics.artifacts.await("the tag", tag, a -> a.revision().equals("v1.0.0@sha1:" + tagged));
        SourceArtifact byRange = topics.artifacts.await("the range", range,
                a -> a.revision().equals("v1.0.0@sha1:" + tagged));
        assertEquals(byTag.digest(), byRange.digest());
        assertNotEquals(byTag.digest(), topics.artifacts.values(head).get(0).digest());

        topics.publisher.tombstone(Topics.CONFIG, tagApp.id());
        topics.artifacts.awaitTombstone(tag);
        assertFalse(topics.artifacts.hasTombstone(head));
    }

    @Test
    void scpAndHttpsNamesOfOneRepositoryAreOneSourceReadOverHttps() throws Exception {
        WorkingCopy repo = WorkingCopy.create(work.resolve("forms"), git.createRepository("forms"));
        String sha = repo.write("app.yaml", "v: 1\n").commitAndPush("one");
        String https = git.url("forms");
        String scp = "git@127.0.0.1:git/forms.git";
        application("forms-scp", scp, "main");
        application("forms-http", https, "main");
        ObjectRef source = ArgoSourceIds.gitSource(scp, "main").orElseThrow();
        assertEquals(ArgoSourceIds.gitSource(https, "main").orElseThrow(), source);

        topics.artifacts.await("the artifact", source.id(), a -> a.revision().equals("main@sha1:" + sha));
        assertEquals(https, ServiceHttp.source("", source.name()).orElseThrow().get("url"));
    }

    @Test
    void aPrivateRepositoryIsReportedWithoutCredentialsBeingTried() throws Exception {
        try (AuthGitHttpServer secured = AuthGitHttpServer.start(work.resolve("private"), "user", "pass", "token")) {
            Git.init().setBare(true).setInitialBranch("main").setDirectory(work.resolve("private/private.git").toFile())
                    .call().close();
            String url = secured.url("private");
            ObjectRef app = application("private", url, "main");
            String id = ArgoSourceIds.gitSource(url, "main").orElseThrow().id();

            Event failure = topics.events.await("the failure", id, e -> e.reason().equals("GitOperationFailed"));
            assertEquals(Event.ERROR, failure.severity());
            assertTrue(failure.message().contains("not authorized") || failure.message().contains("Authentication"),
                    failure.message());
            topics.publisher.tombstone(Topics.CONFIG, app.id());

            // A repoURL with credentials in it works, and they appear in no event, artifact or status.
            String withCredentials = url.replace("http://", "http://user:pass@");
            ObjectRef leaky = application("private-inline", withCredentials, "missing-branch");
            String leakyId = ArgoSourceIds.gitSource(withCredentials, "missing-branch").orElseThrow().id();
            Event missing = topics.events.await("the missing branch", leakyId,
                    e -> e.reason().equals("GitOperationFailed"));
            assertTrue(missing.message().contains("targetRevision 'missing-branch' not found"), missing.message());
            assertFalse(missing.message().contains("pass"), missing.message());
            assertFalse(ServiceHttp.sources().toString().contains("user:pass"));
            topics.publisher.tombstone(Topics.CONFIG, leaky.id());
        }
    }

    @Test
    void anApplicationWithAnUnusableSourceIsReportedAtConfigurationTime() {
        ConfigYaml.writeInConfigFolder("argo/oci.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: oci
                  namespace: argocd
                spec:
                  project: default
                  destination:
                    server: https://kubernetes.default.svc
                    namespace: apps
                  source:
                    repoURL: oci://registry.example.com/charts
                    targetRevision: "1.0"
                    path: apps
                """);
        String id = new ObjectRef("argoproj.io/v1alpha1", "Application", "argocd", "oci").id();
        Event problem = topics.events.await("the problem", id, e -> e.reason().equals(Reasons.CONFIG_INVALID));
        assertEquals("argo/oci.yaml:1 (document 1): Application argocd/oci: spec.source.repoURL"
                + " 'oci://registry.example.com/charts' is not a Git repository URL (https://, http://, ssh://, git://,"
                + " file:// or user@host:path)", problem.message());
    }

    @Test
    void anApplicationThatDoesNotReadIsReportedAndKeepsItsSources() throws Exception {
        WorkingCopy repo = WorkingCopy.create(work.resolve("kept"), git.createRepository("kept"));
        String sha = repo.write("app.yaml", "v: 1\n").commitAndPush("one");
        String url = git.url("kept");
        ObjectRef app = application("kept", url, "main");
        String id = ArgoSourceIds.gitSource(url, "main").orElseThrow().id();
        topics.artifacts.await("the artifact", id, a -> a.revision().equals("main@sha1:" + sha));

        // Published straight onto sluice.config, as an older version or another producer could: not read by api.
        topics.publisher.send(Topics.CONFIG, app.id(), ConfigDocument.of(app, "test:kept", Map.of(
                "apiVersion", app.apiVersion(), "kind", app.kind(), "metadata", Map.of("name", "kept", "namespace",
                        "argocd"), "spec", Map.of("project", "default", "source", Map.of("repoURL", url)))));
        Event invalid = topics.events.await("the invalid Application", app.id(),
                e -> e.reason().equals(Reasons.CONFIG_INVALID));
        assertEquals("test:kept: Application argocd/kept: spec.destination is required", invalid.message());
        String next = repo.write("app.yaml", "v: 2\n").commitAndPush("two");
        topics.artifacts.await("the source still polled", id, a -> a.revision().equals("main@sha1:" + next));
        topics.publisher.tombstone(Topics.CONFIG, app.id());
        topics.artifacts.awaitTombstone(id);
    }

    /** Publishes an Application in argocd reading {@code path: apps} of a Git repository; returns its ref. */
    private static ObjectRef application(String name, String repoUrl, String targetRevision) {
        ObjectRef ref = new ObjectRef("argoproj.io/v1alpha1", "Application", "argocd", name);
        Map<String, Object> document = Map.of("apiVersion", ref.apiVersion(), "kind", ref.kind(),
                "metadata", Map.of("name", name, "namespace", ref.namespace()),
                "spec", Map.of("project", "default", "destination",
                        Map.of("server", "https://kubernetes.default.svc", "namespace", "apps"),
                        "source", Map.of("repoURL", repoUrl, "targetRevision", targetRevision, "path", "apps")));
        topics.publisher.send(Topics.CONFIG, ref.id(), ConfigDocument.of(ref, "test:" + name, document));
        return ref;
    }
}
