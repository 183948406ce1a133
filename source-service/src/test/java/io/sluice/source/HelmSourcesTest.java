package io.sluice.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.api.ObjectRef;
import io.sluice.api.status.Reasons;
import io.sluice.events.CommitTrace;
import io.sluice.events.ConfigDocument;
import io.sluice.events.Event;
import io.sluice.events.SourceArtifact;
import io.sluice.events.SourceCommand;
import io.sluice.events.Topics;
import io.sluice.events.kafka.Publisher;
import io.sluice.testkit.kafka.KafkaBroker;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.logs.LogCapture;
import io.sluice.testkit.process.Deadline;
import io.sluice.testkit.process.FreePorts;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HelmRepositories, HelmReleases and Argo CD Applications against a real HTTP Helm repository. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(SourceTestFolders.class)
class HelmSourcesTest {
    private static final String PASSWORD = "hunter2-Helm-S3cret";
    private static final String WRONG_PASSWORD = "not-the-Pa55word";

    private static HelmRepositoryServer server;
    private static Publisher publisher;
    private static TopicRecorder<SourceArtifact> artifacts;
    private static TopicRecorder<Event> events;
    private static LogCapture logs;
    /** Every document the tests published, deleted at the end so that no source outlives its server. */
    private static final List<ObjectRef> documents = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        server = HelmRepositoryServer.start();
        publisher = new Publisher(KafkaBroker.shared().bootstrapServers());
        artifacts = new TopicRecorder<>(Topics.SOURCE_ARTIFACTS, SourceArtifact.class);
        events = new TopicRecorder<>(Topics.EVENTS, Event.class);
        logs = LogCapture.start();
    }

    @AfterAll
    static void stop() {
        documents.forEach(ref -> publisher.tombstone(Topics.CONFIG, ref.id()));
        logs.close();
        artifacts.close();
        events.close();
        publisher.close();
        server.close();
    }

    @Test
    void aHelmReleaseGetsTheNewestChartInItsRangeAndFollowsNewOnes() {
        HelmRepositoryServer.Repository stable = server.repository("stable").publish("web", "1.2.0")
                .publish("web", "1.2.3").publish("web", "1.2.5-rc.1").publish("web", "1.3.0").publish("db", "1.2.9");
        helmRepository("team-a", "stable", Map.of("url", server.url("stable"), "interval", "1s"));
        String id = helmRelease("team-a", "web", "web", "1.2.x", "stable");
        assertEquals("source.toolkit.fluxcd.io/HelmChart/team-a/team-a-web", id, "Flux's HelmChart name");

        SourceArtifact artifact = artifacts.await("the 1.2.3 chart", id, a -> a.revision().equals("1.2.3"));
        assertEquals(server.url("stable"), artifact.repositoryUrl());
        HttpResponse<byte[]> download = ServiceHttp.get(artifact.url());
        assertEquals(200, download.statusCode());
        assertEquals(artifact.digest(), ArtifactArchive.sha256(download.body()), "the digest is the archive's");
        assertEquals(ArtifactArchive.sha256(stable.chart("web", "1.2.3")), artifact.digest(), "the index's digest");
        assertEquals(artifact.size(), download.body().length);
        assertTrue(ArtifactArchive.entries(download.body()).get("web/Chart.yaml").contains("version: 1.2.3"));
        events.await("the NewArtifact event", id, e -> e.reason().equals("NewArtifact")
                && e.message().equals("pulled 'web' chart with version '1.2.3'") && e.revision().equals("1.2.3"));

        Deadline.until("an index fetch answered 304 Not Modified", TopicRecorder.TIMEOUT,
                () -> stable.notModified.get() > 0);
        stable.publish("web", "1.2.4");
        SourceArtifact next = artifacts.await("the 1.2.4 chart", id, a -> a.revision().equals("1.2.4"));
        assertEquals(ArtifactArchive.sha256(stable.chart("web", "1.2.4")), next.digest());

        int fetches = stable.indexRequests.get();
        Deadline.until("two more index fetches", TopicRecorder.TIMEOUT, () -> stable.indexRequests.get() >= fetches + 2);
        assertEquals(List.of("1.2.3", "1.2.4"), artifacts.values(id).stream().map(SourceArtifact::revision).toList(),
                "an unchanged index publishes nothing");
        assertTrue(ServiceHttp.metric("sluice_source_helm_index_seconds_count", "repository", server.url("stable")) > 2);

        Map<String, Object> repository = ServiceHttp.source("team-a", "stable").orElseThrow();
        assertEquals("HelmRepository", repository.get("kind"));
        assertEquals(server.url("stable"), repository.get("url"));
        assertEquals(true, repository.get("ready"));
        assertTrue(String.valueOf(repository.get("revision")).startsWith("sha256:"), repository.toString());
        Map<String, Object> chart = ServiceHttp.source("team-a", "team-a-web").orElseThrow();
        assertEquals("HelmChart", chart.get("kind"));
        assertEquals("1.2.4", chart.get("revision"));
        assertEquals(true, chart.get("ready"));
        assertEquals("pulled 'web' chart with version '1.2.4'", chart.get("message"));
        assertNotNull(chart.get("lastPoll"));
    }

    @Test
    void badInputGivesClearEventsWhileOtherSourcesKeepWorking() {
        server.repository("good").publish("web", "2.0.0");
        server.repository("broken").publish("web", "1.0.0").serveIndex("apiVersion: v1\nentries:\n  web: [\n    version: 1\n");
        server.repository("tampered").publishWithDigest("web", "1.0.0", "deadbeef".repeat(8));
        String unreachable = "http://127.0.0.1:" + FreePorts.next() + "/charts";
        helmRepository("bad", "good", Map.of("url", server.url("good"), "interval", "1s"));
        helmRepository("bad", "broken", Map.of("url", server.url("broken"), "interval", "1s"));
        helmRepository("bad", "tampered", Map.of("url", server.url("tampered"), "interval", "1s"));
        helmRepository("bad", "nowhere", Map.of("url", unreachable, "interval", "1s"));

        String noMatch = helmRelease("bad", "no-match", "web", "9.x", "good");
        String missing = helmRelease("bad", "missing", "cache", "*", "good");
        String malformed = helmRelease("bad", "malformed", "web", "1.x", "broken");
        String mismatch = helmRelease("bad", "mismatch", "web", "1.0.0", "tampered");
        String offline = helmRelease("bad", "offline", "web", "1.x", "nowhere");
        String working = helmRelease("bad", "working", "web", ">=1.0.0 <3.0.0", "good");

        assertError(noMatch, "ChartPullError", "no 'web' chart with version matching '9.x' found in " + server.url("good")
                + " (newest: 2.0.0)");
        assertError(missing, "ChartPullError", "chart 'cache' not found in the index of " + server.url("good"));
        Event yaml = assertError(malformed, "IndexationFailed", "malformed index.yaml from " + server.url("broken")
                + "/index.yaml: line ");
        assertEquals(yaml.message(), events.await("the repository's own event", repositoryId("bad", "broken"),
                e -> e.reason().equals("IndexationFailed")).message());
        assertError(mismatch, "ChartPullError", "chart 'web' version '1.0.0' from " + server.url("tampered")
                + "/charts/web-1.0.0.tgz has digest sha256:");
        assertError(offline, "IndexationFailed", "cannot connect to " + unreachable + "/index.yaml");
        assertEquals("2.0.0", artifacts.await("the working chart", working, a -> true).revision());
        for (String failing : List.of(noMatch, missing, malformed, mismatch, offline)) {
            assertTrue(artifacts.values(failing).isEmpty(), failing);
        }
        assertTrue(ServiceHttp.metric("sluice_source_helm_failures_total", "reason", "digest-mismatch") > 0);
        assertTrue(ServiceHttp.metric("sluice_source_helm_failures_total", "repository", unreachable) > 0);
        assertEquals(false, ServiceHttp.source("bad", "bad-offline").orElseThrow().get("ready"));

        server.repository("broken").serveIndex(null);
        assertEquals("1.0.0", artifacts.await("the chart once the index is fixed", malformed, a -> true).revision());
        events.await("the recovery", repositoryId("bad", "broken"), e -> e.reason().equals("ArtifactUpToDate"));
    }

    @Test
    void basicAuthCredentialsAreSentAndNeverShown() throws Exception {
        server.repository("private").requireBasicAuth("helm-user", PASSWORD).publish("web", "3.1.0");
        secret("private", "helm-creds", "helm-user", PASSWORD);
        secret("private", "stale-creds", "helm-user", WRONG_PASSWORD);
        helmRepository("private", "charts", Map.of("url", server.url("private"), "interval", "1s",
                "secretRef", Map.of("name", "helm-creds")));
        helmRepository("private", "stale", Map.of("url", server.url("private") + "/", "interval", "1s",
                "secretRef", Map.of("name", "stale-creds")));
        helmRepository("private", "anonymous", Map.of("url", server.url("private") + "//", "interval", "1s"));
        String authorized = helmRelease("private", "web", "web", "3.x", "charts");
        String refused = helmRelease("private", "refused", "web", "3.x", "stale");
        String anonymous = helmRelease("private", "anonymous", "web", "3.x", "anonymous");

        assertEquals("3.1.0", artifacts.await("the private chart", authorized, a -> true).revision());
        assertError(refused, "AuthenticationFailed", server.url("private") + "/index.yaml answered HTTP 401: the"
                + " username and password of secret private/stale-creds were refused");
        assertError(anonymous, "AuthenticationFailed", server.url("private") + "/index.yaml answered HTTP 401: the"
                + " repository asks for credentials (spec.secretRef)");
        events.await("the repository's event", repositoryId("private", "stale"),
                e -> e.reason().equals("AuthenticationFailed"));

        String basic = Base64.getEncoder().encodeToString(("helm-user:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        List<String> everything = new ArrayList<>(logs.lines());
        everything.add(new String(ServiceHttp.get(ServiceHttp.base() + "/api/sources").body(), StandardCharsets.UTF_8));
        events.values().forEach(event -> everything.add(event.toString()));
        assertFalse(everything.isEmpty());
        for (String line : everything) {
            for (String secret : List.of(PASSWORD, WRONG_PASSWORD, basic)) {
                assertFalse(line.contains(secret), "a secret value in: " + line);
            }
        }
        assertTrue(logs.lines().stream().anyMatch(line -> line.contains("private/stale-creds were refused")),
                "the log is captured");
    }

    @Test
    void argoApplicationsAskingForTheSameChartShareOneSourceAndOneIndexFetch() {
        HelmRepositoryServer.Repository shared = server.repository("argo").publish("ingress", "4.8.1")
                .publish("ingress", "4.8.3").publish("ingress", "4.9.0");
        String url = server.url("argo");
        List<String> apps = List.of("shop-eu", "shop-us", "shop-ap");
        apps.forEach(app -> application(app, Map.of("source", helmSource(url, "ingress", "4.8.x"))));
        String id = "source.toolkit.fluxcd.io/HelmChart//argocd-ingress-" + ArtifactArchive.sha256(
                (url + "\ningress\n4.8.x").getBytes(StandardCharsets.UTF_8)).substring(7, 19);

        SourceArtifact artifact = artifacts.await("the shared chart", id, a -> a.revision().equals("4.8.3"));
        assertEquals(url, artifact.repositoryUrl());
        assertEquals(artifact.digest(), ArtifactArchive.sha256(ServiceHttp.get(artifact.url()).body()));

        // A fourth Application, with spec.sources and another range, reuses the index in hand.
        application("shop-latest", Map.of("sources", List.of(Map.of("repoURL", "https://git.example/shop.git",
                "path", "overlays/prod"), helmSource(url + "/", "ingress", ""))));
        String latest = "source.toolkit.fluxcd.io/HelmChart//argocd-ingress-" + ArtifactArchive.sha256(
                (url + "\ningress\n").getBytes(StandardCharsets.UTF_8)).substring(7, 19);
        assertEquals("4.9.0", artifacts.await("the newest chart", latest, a -> true).revision());
        assertEquals(1, shared.indexRequests.get(), "one index fetch for four Applications in one interval");
        assertEquals(1, artifacts.values(id).size(), "three Applications, one artifact");
        assertEquals(1, ServiceHttp.metric("sluice_source_helm_index_seconds_count", "repository", url));
    }

    @Test
    void unsupportedChartSourcesAreReportedAtConfigurationTimeNotIgnored() {
        ConfigYaml.writeInConfigFolder("helm-sources/unsupported.yaml", """
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata:
                  name: from-git
                  namespace: odd
                spec:
                  interval: 10m
                  chart:
                    spec:
                      chart: ./charts/web
                      sourceRef:
                        kind: GitRepository
                        name: monorepo
                ---
                apiVersion: source.toolkit.fluxcd.io/v1beta2
                kind: HelmRepository
                metadata:
                  name: oci
                  namespace: odd
                spec:
                  type: oci
                  url: oci://ghcr.io/example/charts
                  interval: 5m
                ---
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: from-oci
                  namespace: argocd
                spec:
                  project: default
                  destination:
                    server: https://kubernetes.default.svc
                    namespace: from-oci
                  source:
                    repoURL: registry-1.docker.io/bitnamicharts
                    chart: redis
                    targetRevision: 18.x
                """);
        String file = "helm-sources/unsupported.yaml";
        assertInvalid(new ObjectRef("helm.toolkit.fluxcd.io/v2", "HelmRelease", "odd", "from-git"), file + ":1 (document"
                + " 1): HelmRelease odd/from-git: spec.chart.spec.sourceRef.kind 'GitRepository' is not supported by"
                + " Sluice yet (it reads HelmRepository)");
        assertInvalid(new ObjectRef("source.toolkit.fluxcd.io/v1beta2", "HelmRepository", "odd", "oci"), file + ":15"
                + " (document 2): HelmRepository odd/oci: spec.type 'oci' is not supported by Sluice yet (it reads Helm"
                + " repositories over http and https: type default)");
        assertInvalid(new ObjectRef("argoproj.io/v1alpha1", "Application", "argocd", "from-oci"), file + ":25"
                + " (document 3): Application argocd/from-oci: spec.source.repoURL 'registry-1.docker.io/bitnamicharts'"
                + " is not an http(s) Helm repository: charts from OCI registries are not supported by Sluice yet");
        assertTrue(ServiceHttp.source("odd", "oci").isEmpty(), "an invalid document is not published, nor polled");
    }

    /** {@code ref}'s document is refused at configuration time with one error event, {@code message}. */
    private static void assertInvalid(ObjectRef ref, String message) {
        Event invalid = events.await("the error for " + ref.id(), ref.id(), e -> e.reason().equals(Reasons.CONFIG_INVALID));
        assertEquals(Event.ERROR, invalid.severity());
        assertEquals(message, invalid.message());
    }

    @Test
    void aDeletedHelmReleaseDropsItsChartAndAReconcileCommandFetchesAtOnce() {
        HelmRepositoryServer.Repository slow = server.repository("slow").publish("api", "0.1.0");
        helmRepository("brief", "slow", Map.of("url", server.url("slow"), "interval", "1h"));
        String id = helmRelease("brief", "api", "api", "", "slow");
        SourceArtifact first = artifacts.await("the chart", id, a -> a.revision().equals("0.1.0"));

        slow.publish("api", "0.2.0");
        Instant asked = Instant.now();
        publisher.send(Topics.SOURCE_COMMANDS, id, SourceCommand.reconcile(id, "test", asked));
        CommitTrace trace = artifacts.await("the new chart long before the 1h interval", id,
                a -> a.revision().equals("0.2.0")).trace();
        assertEquals(asked, trace.arrived(), "the new version arrived with the reconcile request");
        assertFalse(trace.sourced().isBefore(asked), trace.toString());
        assertNotNull(trace.traceparent());

        publisher.tombstone(Topics.CONFIG, new ObjectRef("helm.toolkit.fluxcd.io/v2", "HelmRelease", "brief", "api").id());
        artifacts.awaitTombstone(id);
        assertTrue(ServiceHttp.source("brief", "brief-api").isEmpty());
        Deadline.until("the old chart file deleted", TopicRecorder.TIMEOUT,
                () -> ServiceHttp.get(first.url()).statusCode() == 404);
    }

    private static Event assertError(String sourceId, String reason, String messageStart) {
        Event event = events.await(reason + " for " + sourceId, sourceId, e -> e.reason().equals(reason));
        assertEquals(Event.ERROR, event.severity());
        assertTrue(event.message().startsWith(messageStart), event.message());
        return event;
    }

    private static void secret(String namespace, String name, String username, String password) throws Exception {
        Path folder = Files.createDirectories(Path.of(ConfigProvider.getConfig().getValue("sluice.secrets-dir",
                String.class), namespace, name));
        Files.writeString(folder.resolve("username"), username);
        Files.writeString(folder.resolve("password"), password + "\n");
    }

    private static String repositoryId(String namespace, String name) {
        return new ObjectRef("source.toolkit.fluxcd.io/v1", "HelmRepository", namespace, name).id();
    }

    private static void helmRepository(String namespace, String name, Map<String, Object> spec) {
        publish(new ObjectRef("source.toolkit.fluxcd.io/v1beta2", "HelmRepository", namespace, name), spec);
    }

    /** Publishes a HelmRelease asking for {@code chart} at {@code version}; returns the id of its chart source. */
    private static String helmRelease(String namespace, String name, String chart, String version, String repository) {
        Map<String, Object> template = new HashMap<>(Map.of("chart", chart,
                "sourceRef", Map.of("kind", "HelmRepository", "name", repository, "namespace", namespace)));
        if (!version.isEmpty()) {
            template.put("version", version);
        }
        publish(new ObjectRef("helm.toolkit.fluxcd.io/v2", "HelmRelease", namespace, name),
                Map.of("interval", "10m", "chart", Map.of("spec", template)));
        return new ObjectRef("source.toolkit.fluxcd.io/v1", "HelmChart", namespace, namespace + "-" + name).id();
    }

    private static ObjectRef application(String name, Map<String, Object> spec) {
        Map<String, Object> full = new HashMap<>(spec);
        full.put("project", "default");
        full.put("destination", Map.of("server", "https://kubernetes.default.svc", "namespace", name));
        ObjectRef ref = new ObjectRef("argoproj.io/v1alpha1", "Application", "argocd", name);
        publish(ref, full);
        return ref;
    }

    private static Map<String, Object> helmSource(String repoUrl, String chart, String targetRevision) {
        return Map.of("repoURL", repoUrl, "chart", chart, "targetRevision", targetRevision);
    }

    private static void publish(ObjectRef ref, Map<String, Object> spec) {
        Map<String, Object> document = Map.of("apiVersion", ref.apiVersion(), "kind", ref.kind(),
                "metadata", Map.of("name", ref.name(), "namespace", ref.namespace()), "spec", spec);
        publisher.send(Topics.CONFIG, ref.id(), ConfigDocument.of(ref, "test:" + ref.name(), document));
        documents.add(ref);
    }
}
