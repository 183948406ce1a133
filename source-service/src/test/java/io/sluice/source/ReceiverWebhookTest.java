package io.sluice.source;

import static io.sluice.source.Webhooks.payload;
import static io.sluice.source.Webhooks.post;
import static io.sluice.source.Webhooks.reply;
import static io.sluice.source.Webhooks.signature;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.api.ObjectRef;
import io.sluice.events.Event;
import io.sluice.events.Json;
import io.sluice.events.SourceArtifact;
import io.sluice.events.SourceCommand;
import io.sluice.events.Topics;
import io.sluice.events.kafka.Publisher;
import io.sluice.testkit.git.GitHttpServer;
import io.sluice.testkit.git.WorkingCopy;
import io.sluice.testkit.kafka.KafkaBroker;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.logs.LogCapture;
import io.sluice.testkit.process.Deadline;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Flux Receivers at /hook/&lt;digest&gt;: real payloads of each type over real HTTP, valid and forged,
 * with the reconcile-now commands read back from the real broker.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(SourceTestFolders.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReceiverWebhookTest {
    private static final String NS = "flux-system";
    /** Every token a test hands out: none may ever show in a log line, an event, a command or an API answer. */
    private static final Set<String> TOKENS = ConcurrentHashMap.newKeySet();

    private static Path work;
    private static GitHttpServer gitServer;
    private static Publisher publisher;
    private static LogCapture logs;
    private static TopicRecorder<SourceCommand> commands;
    private static TopicRecorder<Event> events;
    private static TopicRecorder<SourceArtifact> artifacts;
    private static String sharedUrl;

    @BeforeAll
    static void start() throws Exception {
        logs = LogCapture.start();
        work = Files.createTempDirectory("sluice-receiver-test-");
        gitServer = GitHttpServer.start(work.resolve("server"));
        publisher = new Publisher(KafkaBroker.shared().bootstrapServers());
        commands = new TopicRecorder<>(Topics.SOURCE_COMMANDS, SourceCommand.class);
        events = new TopicRecorder<>(Topics.EVENTS, Event.class);
        artifacts = new TopicRecorder<>(Topics.SOURCE_ARTIFACTS, SourceArtifact.class);
        try (WorkingCopy shared = WorkingCopy.create(work.resolve("shared"), gitServer.createRepository("shared"))) {
            shared.write("apps/web.yaml", "replicas: 1\n").commitAndPush("first");
        }
        sharedUrl = gitServer.url("shared");
    }

    @AfterAll
    static void stop() throws Exception {
        commands.close();
        events.close();
        artifacts.close();
        publisher.close();
        gitServer.close();
        logs.close();
    }

    @Test
    void aGithubPushToAReceiverBringsTheNewCommitLongBeforeTheInterval() throws Exception {
        WorkingCopy repo = WorkingCopy.create(work.resolve("web"), gitServer.createRepository("web"));
        String first = repo.write("deploy/web.yaml", "replicas: 1\n").commitAndPush("first");
        String source = gitRepository("web", gitServer.url("web"), Map.of());
        artifacts.await("the first poll's artifact", source, a -> a.revision().equals("main@sha1:" + first));
        String token = "gh-e2e";
        receiver("github-e2e", "github", token, List.of("ping", "push"), List.of(gitRepositoryNamed("web")), false);

        Map<String, Object> listed = awaitReady("github-e2e");
        String path = Webhooks.fluxPath(token, "github-e2e", NS);
        assertEquals(path, listed.get("webhookPath"), "Flux's own path for the same token, name and namespace");
        assertEquals(ServiceHttp.base() + path, listed.get("url"));
        assertEquals("github", listed.get("type"));

        String second = repo.write("deploy/web.yaml", "replicas: 3\n").commitAndPush("scale up");
        String body = payload("github-push.json", gitServer.url("web"),
                Map.of("REF", "refs/heads/main", "BEFORE", first, "AFTER", second));
        HttpResponse<String> response = post(path, body, githubHeaders("push", signature("sha256", token, body)));

        assertEquals(202, response.statusCode(), response.body());
        assertEquals(List.of(source), reply(response).get("sources"));
        SourceCommand command = commands.await("the reconcile command", source, c -> true);
        assertEquals("receiver flux-system/github-e2e", command.requestedBy());
        assertEquals(SourceCommand.RECONCILE, command.action());
        artifacts.await("the pushed commit's artifact, not an hour later", source,
                a -> a.revision().equals("main@sha1:" + second));
        assertEquals(1.0, Webhooks.count("accepted", "flux-system/github-e2e"));
        assertEquals(1.0, ServiceHttp.metricTagged("sluice_source_webhook_seconds_count",
                "receiver=\"flux-system/github-e2e\""));
    }

    @Test
    void forgedGithubRequestsAreRefusedAndChangeNothing() {
        String token = "gh-forged";
        String path = receiverOf("forged", "github-forged", "github", token, List.of("push"));
        String source = sourceId("forged");
        String body = payload("github-push.json", sharedUrl, Map.of("REF", "refs/heads/main",
                "BEFORE", "0".repeat(40), "AFTER", "1".repeat(40)));
        String other = token("gh-forged-other");

        for (String[] headers : List.of(
                githubHeaders("push", signature("sha256", token, body + " ")),
                githubHeaders("push", null),
                githubHeaders("push", signature("sha256", other, body)),
                githubHeaders("push", "sha256=" + "0".repeat(64), "X-Hub-Signature", signature("sha1", token, body)))) {
            HttpResponse<String> response = post(path, body, headers);
            assertEquals(401, response.statusCode(), response.body());
            assertEquals("unauthorized", reply(response).get("outcome"));
        }
        String ping = payload("github-ping.json", sharedUrl, Map.of());
        HttpResponse<String> ignored = post(path, ping, githubHeaders("ping", signature("sha256", token, ping)));
        assertEquals(200, ignored.statusCode(), ignored.body());
        assertEquals("github event 'ping' is not in spec.events [push]: nothing to do", reply(ignored).get("message"));
        HttpResponse<String> sha1Only = post(path, body, "Content-Type", "application/json", "X-GitHub-Event", "push",
                "X-Hub-Signature", signature("sha1", token, body));
        assertEquals(202, sha1Only.statusCode(), "X-Hub-Signature alone, as Flux accepts it: " + sha1Only.body());

        commands.await("the accepted request's command", source, c -> true);
        assertEquals(1, commands.values(source).size(), "the refused and ignored requests sent nothing: "
                + commands.values(source));
        assertEquals(4.0, Webhooks.count("unauthorized", "flux-system/github-forged"));
        assertEquals(1.0, Webhooks.count("ignored", "flux-system/github-forged"));
    }

    @Test
    void gitlabSendsItsTokenAndFiltersOnXGitlabEvent() {
        String token = "gl-token";
        String path = receiverOf("gitlab-app", "gitlab", "gitlab", token, List.of("Push Hook"));
        String source = sourceId("gitlab-app");
        String body = payload("gitlab-push.json", sharedUrl, Map.of("REF", "refs/heads/main",
                "BEFORE", "0".repeat(40), "AFTER", "2".repeat(40)));

        assertEquals(401, post(path, body, gitlabHeaders("Push Hook", token + "x")).statusCode());
        assertEquals(401, post(path, body, "Content-Type", "application/json", "X-Gitlab-Event", "Push Hook").statusCode());
        HttpResponse<String> tag = post(path, body, gitlabHeaders("Tag Push Hook", token));
        assertEquals(200, tag.statusCode(), tag.body());
        HttpResponse<String> push = post(path, body, gitlabHeaders("Push Hook", token));
        assertEquals(202, push.statusCode(), push.body());
        assertEquals("gitlab event 'Push Hook': reconcile requested for GitRepository/flux-system/gitlab-app",
                reply(push).get("message"));

        commands.await("the push's command", source, c -> c.requestedBy().equals("receiver flux-system/gitlab"));
        assertEquals(1, commands.values(source).size(), commands.values(source).toString());
    }

    @Test
    void bitbucketSignsWithXHubSignatureAndNamesTheEventInXEventKey() {
        String token = "bb-token";
        String path = receiverOf("bitbucket-app", "bitbucket", "bitbucket", token, List.of("repo:push"));
        String source = sourceId("bitbucket-app");
        String body = payload("bitbucket-cloud-push.json", sharedUrl, Map.of("BRANCH", "main",
                "BEFORE", "0".repeat(40), "AFTER", "3".repeat(40)));

        assertEquals(401, post(path, body, bitbucketHeaders("repo:push", signature("sha256", "bb-wrong", body)))
                .statusCode());
        assertEquals(401, post(path, body, bitbucketHeaders("repo:push", null)).statusCode());
        HttpResponse<String> push = post(path, body, bitbucketHeaders("repo:push", signature("sha256", token, body)));
        assertEquals(202, push.statusCode(), push.body());

        commands.await("the push's command", source, c -> c.requestedBy().equals("receiver flux-system/bitbucket"));
        assertEquals(1, commands.values(source).size(), commands.values(source).toString());
    }

    @Test
    void genericTrustsItsSecretPathAndGenericHmacChecksXSignature() {
        String hmacToken = "generic-hmac-token";
        String genericPath = receiverOf("generic-app", "generic", "generic", "generic-token", List.of());
        String hmacPath = receiverOf("generic-hmac-app", "generic-hmac", "generic-hmac", hmacToken, List.of());
        String plain = sourceId("generic-app");
        String signed = sourceId("generic-hmac-app");

        HttpResponse<String> bare = post(genericPath, HttpRequest.BodyPublishers.noBody());
        assertEquals(202, bare.statusCode(), "`curl -X POST <url>` is enough: " + bare.body());
        String body = "{\"image\": \"ghcr.io/sluice/web:1.4.2\"}";
        assertEquals(401, post(hmacPath, body, "X-Signature", signature("sha256", "not-it", body)).statusCode());
        assertEquals(401, post(hmacPath, body).statusCode());
        HttpResponse<String> hmac = post(hmacPath, body, "X-Signature", signature("sha512", hmacToken, body));
        assertEquals(202, hmac.statusCode(), hmac.body());

        commands.await("the generic command", plain, c -> true);
        commands.await("the generic-hmac command", signed, c -> true);
        assertEquals(1, commands.values(signed).size(), commands.values(signed).toString());
        HttpResponse<String> unknown = post("/hook/" + "ab".repeat(32), body);
        assertEquals(404, unknown.statusCode(), unknown.body());
    }

    @Test
    void refusesOversizeAndMalformedPayloadsAndSaysWhy() {
        String token = "careful-token";
        String path = receiverOf("careful-app", "careful", "github", token, List.of());

        String huge = "{\"padding\": \"" + "x".repeat(1024 * 1024) + "\"}";
        HttpResponse<String> tooLarge = post(path, huge, githubHeaders("push", signature("sha256", token, huge)));
        assertEquals(413, tooLarge.statusCode(), tooLarge.body());
        String broken = "{\"ref\": \"refs/heads/main\", \"repository\": ";
        HttpResponse<String> malformed = post(path, broken, githubHeaders("push", signature("sha256", token, broken)));
        assertEquals(400, malformed.statusCode(), malformed.body());
        assertTrue(((String) reply(malformed).get("message")).startsWith("the github payload is not valid JSON: "),
                malformed.body());
        String receiverId = "notification.toolkit.fluxcd.io/Receiver/flux-system/careful";
        Event rejected = events.await("the rejection event", receiverId, e -> e.reason().equals("WebhookRejected"));
        assertEquals(Event.ERROR, rejected.severity());
        assertTrue(rejected.message().startsWith("Receiver flux-system/careful: github event 'push' refused: the github "
                + "payload is not valid JSON"), rejected.message());
        assertEquals(1.0, Webhooks.count("too_large", "flux-system/careful"));
        assertEquals(1.0, Webhooks.count("bad_request", "flux-system/careful"));
    }

    @Test
    void aReceiverWithoutItsSecretIsListedNotReadyAndSaysWhichSecret() {
        receiver("orphan", "github", null, List.of(), List.of(gitRepositoryNamed("whatever")), false);
        Map<String, Object> orphan = Deadline.await("the orphan Receiver listed", TopicRecorder.TIMEOUT,
                () -> listedReceiver("orphan"), null);
        assertEquals(false, orphan.get("ready"));
        assertNull(orphan.get("webhookPath"));
        assertTrue(((String) orphan.get("message")).startsWith("secret flux-system/orphan-token not found"),
                orphan.get("message").toString());
        events.await("the not-ready event", "notification.toolkit.fluxcd.io/Receiver/flux-system/orphan",
                e -> e.reason().equals("ReceiverNotReady") && e.message().contains("secret flux-system/orphan-token"));

        receiver("harbor", "harbor", "harbor-token", List.of(), List.of(gitRepositoryNamed("whatever")), false);
        Map<String, Object> harbor = Deadline.await("the harbor Receiver listed", TopicRecorder.TIMEOUT,
                () -> listedReceiver("harbor"), null);
        assertEquals(false, harbor.get("ready"));
        assertEquals("spec.type 'harbor' is not supported yet; Sluice supports github, gitlab, bitbucket, generic, "
                + "generic-hmac", harbor.get("message"));
    }

    @Test
    void aWildcardWithMatchLabelsReconcilesEveryLabelledSourceAndSuspendStopsAll() {
        String blue = gitRepository("fleet-blue", sharedUrl, Map.of("fleet", "edge"));
        String green = gitRepository("fleet-green", sharedUrl, Map.of("fleet", "edge"));
        String core = gitRepository("fleet-core", sharedUrl, Map.of("fleet", "core"));
        String token = "fleet-token";
        receiver("fleet", "generic", token, List.of(), List.of(Map.of("kind", "GitRepository", "name", "*",
                "matchLabels", Map.of("fleet", "edge")), gitRepositoryNamed("gone")), false);
        String path = (String) awaitReady("fleet").get("webhookPath");
        Deadline.until("the labelled sources in view", TopicRecorder.TIMEOUT,
                () -> artifacts.values(blue).size() + artifacts.values(green).size() >= 2);

        HttpResponse<String> response = post(path, "");
        assertEquals(202, response.statusCode(), response.body());
        assertEquals(List.of(blue, green), reply(response).get("sources"));
        assertEquals("generic request: reconcile requested for GitRepository/flux-system/fleet-blue, "
                + "GitRepository/flux-system/fleet-green; GitRepository/flux-system/gone not found",
                reply(response).get("message"));
        events.await("an error event naming what was not found", "notification.toolkit.fluxcd.io/Receiver/flux-system/fleet",
                e -> e.reason().equals("ReconcileRequested") && e.severity().equals(Event.ERROR));

        receiver("fleet", "generic", token, List.of(), List.of(gitRepositoryNamed("fleet-core")), true);
        Deadline.until("the Receiver listed as suspended", TopicRecorder.TIMEOUT,
                () -> Boolean.TRUE.equals(listedReceiver("fleet").get("suspended")));
        assertEquals(503, post(Webhooks.fluxPath(token, "fleet", NS), "").statusCode());
        assertTrue(commands.values(core).isEmpty(), "a suspended Receiver requests nothing");
    }

    /** Last: everything the other tests did is in the logs, events and commands by now. */
    @Test
    @Order(Integer.MAX_VALUE)
    void noTokenEverAppearsInALogLineAnEventACommandOrAnAnswer() {
        List<String> seen = new ArrayList<>(logs.lines());
        events.entries().forEach(e -> seen.add(Json.write(e.value())));
        commands.entries().forEach(c -> seen.add(Json.write(c.value())));
        seen.add(new String(ServiceHttp.get(ServiceHttp.base() + "/api/sources").body()));
        seen.add(new String(ServiceHttp.get(ServiceHttp.base() + "/q/metrics").body()));
        assertTrue(seen.stream().anyMatch(line -> line.contains("refused a github request")),
                "the capture sees the service's log lines");
        assertFalse(TOKENS.isEmpty());
        for (String token : TOKENS) {
            for (String line : seen) {
                assertFalse(line.contains(token), "token '" + token + "' leaked in: " + line);
            }
        }
    }

    private static Map<String, Object> gitRepositoryNamed(String name) {
        return Map.of("kind", "GitRepository", "name", name);
    }

    private static String token(String value) {
        TOKENS.add(value);
        return value;
    }

    private static String[] githubHeaders(String event, String signature, String... more) {
        List<String> headers = new ArrayList<>(List.of("Content-Type", "application/json", "User-Agent",
                "GitHub-Hookshot/6f4b8f7", "X-GitHub-Event", event, "X-GitHub-Delivery",
                "72d3162e-cc78-11e3-81ab-4c9367dc0958", "X-GitHub-Hook-ID", "481120907"));
        if (signature != null) {
            headers.addAll(List.of("X-Hub-Signature-256", signature));
        }
        headers.addAll(List.of(more));
        return headers.toArray(String[]::new);
    }

    private static String[] gitlabHeaders(String event, String token) {
        return new String[] {"Content-Type", "application/json", "User-Agent", "GitLab/17.5.1", "X-Gitlab-Event", event,
            "X-Gitlab-Token", token, "X-Gitlab-Instance", "https://gitlab.example.com",
            "X-Gitlab-Event-UUID", "2c5a1f3e-8e0b-4f60-9e2b-7f4d1c0a9b31"};
    }

    private static String[] bitbucketHeaders(String event, String signature) {
        List<String> headers = new ArrayList<>(List.of("Content-Type", "application/json", "User-Agent",
                "Bitbucket-Webhooks/2.0", "X-Event-Key", event, "X-Hook-UUID", "0e2d6f7b-5c4a-4b3a-9f8e-7d6c5b4a3f2e",
                "X-Request-UUID", "b1a2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", "X-Attempt-Number", "1"));
        if (signature != null) {
            headers.addAll(List.of("X-Hub-Signature", signature));
        }
        return headers.toArray(String[]::new);
    }

    /** A GitRepository {@code source} on the shared repository and a Receiver of it: its webhook path once ready. */
    private static String receiverOf(String source, String name, String type, String token, List<String> events) {
        gitRepository(source, sharedUrl, Map.of());
        receiver(name, type, token, events, List.of(gitRepositoryNamed(source)), false);
        return (String) awaitReady(name).get("webhookPath");
    }

    private static String sourceId(String name) {
        return new ObjectRef("source.toolkit.fluxcd.io/v1", "GitRepository", NS, name).id();
    }

    /** A GitRepository on the test Git server, polled hourly: only a reconcile command makes it poll again soon. */
    private static String gitRepository(String name, String url, Map<String, String> labels) {
        String id = Webhooks.publish(publisher, new ObjectRef("source.toolkit.fluxcd.io/v1", "GitRepository", NS, name),
                Map.of("name", name, "namespace", NS, "labels", labels),
                Map.of("url", url, "interval", "1h", "ref", Map.of("branch", "main")));
        Webhooks.awaitListed(NS, name);
        return id;
    }

    /** A Receiver whose token (when not null) is written first, as key token of the secret {@code <name>-token}. */
    private static void receiver(String name, String type, String token, List<String> events,
            List<Map<String, Object>> resources, boolean suspend) {
        String secret = name + "-token";
        if (token != null) {
            Webhooks.secret(NS, secret, "token", token(token));
        }
        Webhooks.publish(publisher, new ObjectRef("notification.toolkit.fluxcd.io/v1", "Receiver", NS, name),
                Map.of("name", name, "namespace", NS), Map.of("type", type, "events", events,
                        "secretRef", Map.of("name", secret), "resources", resources, "suspend", suspend));
    }

    private static Map<String, Object> awaitReady(String name) {
        return Deadline.await("Receiver " + name + " ready", TopicRecorder.TIMEOUT, () -> {
            Map<String, Object> listed = listedReceiver(name);
            return listed != null && Boolean.TRUE.equals(listed.get("ready")) ? listed : null;
        }, () -> String.valueOf(listedReceiver(name)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> listedReceiver(String name) {
        List<Map<String, Object>> receivers = Json.read(
                new String(ServiceHttp.get(ServiceHttp.base() + "/api/receivers").body()), List.class);
        return receivers.stream().filter(r -> NS.equals(r.get("namespace")) && name.equals(r.get("name"))).findFirst()
                .orElse(null);
    }
}
