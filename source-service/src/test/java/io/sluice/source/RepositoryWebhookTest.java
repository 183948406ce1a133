package io.sluice.source;

import static io.sluice.source.Webhooks.payload;
import static io.sluice.source.Webhooks.post;
import static io.sluice.source.Webhooks.reply;
import static io.sluice.source.Webhooks.signature;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.api.ObjectRef;
import io.sluice.events.CommitTrace;
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
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * POST /api/webhook, Argo CD's way: one endpoint, one shared secret per Git host, and every
 * GitRepository whose URL and ref a push moved asked to reconcile now.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(SourceTestFolders.class)
class RepositoryWebhookTest {
    private static final String NS = "repo-hooks";
    private static final String GITHUB_SECRET = "shared-github-secret";
    private static final String GITLAB_SECRET = "shared-gitlab-secret";
    private static final String BITBUCKET_SECRET = "shared-bitbucket-secret";
    private static final String ZERO = "0".repeat(40);
    private static final String PUSH_TRACE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private static Path work;
    private static GitHttpServer gitServer;
    private static Publisher publisher;
    private static LogCapture logs;
    private static TopicRecorder<SourceCommand> commands;
    private static TopicRecorder<SourceArtifact> artifacts;
    private static TopicRecorder<Event> events;

    @BeforeAll
    static void start() throws Exception {
        logs = LogCapture.start();
        work = Files.createTempDirectory("sluice-repo-webhook-test-");
        gitServer = GitHttpServer.start(work.resolve("server"));
        publisher = new Publisher(KafkaBroker.shared().bootstrapServers());
        commands = new TopicRecorder<>(Topics.SOURCE_COMMANDS, SourceCommand.class);
        artifacts = new TopicRecorder<>(Topics.SOURCE_ARTIFACTS, SourceArtifact.class);
        events = new TopicRecorder<>(Topics.EVENTS, Event.class);
        Webhooks.secret("sluice-system", "webhook", "github", GITHUB_SECRET);
        Webhooks.secret("sluice-system", "webhook", "gitlab", GITLAB_SECRET + "\n");
        Webhooks.secret("sluice-system", "webhook", "bitbucket", BITBUCKET_SECRET);
    }

    @AfterAll
    static void stop() throws Exception {
        commands.close();
        artifacts.close();
        events.close();
        publisher.close();
        gitServer.close();
        logs.close();
    }

    @Test
    void aGithubPushRefreshesEveryGitRepositoryOnThatUrlAndBranch() throws Exception {
        WorkingCopy repo = WorkingCopy.create(work.resolve("fleet"), gitServer.createRepository("fleet"));
        String first = repo.write("clusters/prod/web.yaml", "replicas: 2\n").commitAndPush("first");
        String cloneUrl = gitServer.url("fleet");
        String main = gitRepository("fleet-main", cloneUrl, Map.of("branch", "main"));
        String sameRepoSlash = gitRepository("fleet-slash", cloneUrl.replace(".git", "/"), Map.of("branch", "main"));
        String otherBranch = gitRepository("fleet-release", cloneUrl, Map.of("branch", "release"));
        artifacts.await("the first artifact", main, a -> a.revision().equals("main@sha1:" + first));
        artifacts.await("the first artifact of the same URL spelt otherwise", sameRepoSlash, a -> true);

        String second = repo.write("clusters/prod/web.yaml", "replicas: 4\n").commitAndPush("scale");
        String body = payload("github-push.json", cloneUrl, Map.of("REF", "refs/heads/main", "BEFORE", first,
                "AFTER", second));
        Instant sent = Instant.now();
        // As a tracing proxy in front of Sluice would: the push's trace goes on through the artifact.
        HttpResponse<String> response = post("/api/webhook", body, "Content-Type", "application/json",
                "X-GitHub-Event", "push", "X-GitHub-Delivery", "9e1f5c2a-cc78-11e3-81ab-4c9367dc0958",
                "X-Hub-Signature-256", signature("sha256", GITHUB_SECRET, body), "traceparent", PUSH_TRACE);
        Instant answered = Instant.now();

        assertEquals(202, response.statusCode(), response.body());
        assertEquals(List.of(main, sameRepoSlash), reply(response).get("sources"));
        assertEquals("webhook github", commands.await("the command", main, c -> true).requestedBy());
        SourceArtifact pushed = artifacts.await("the pushed commit's artifact", main,
                a -> a.revision().equals("main@sha1:" + second));
        CommitTrace trace = pushed.trace();
        assertNotNull(trace, "a new commit's artifact carries its trace: " + pushed);
        assertFalse(trace.arrived().isBefore(sent) || trace.arrived().isAfter(answered),
                "the commit arrived with the webhook: " + trace);
        assertFalse(trace.sourced().isBefore(trace.arrived()), trace.toString());
        assertNotNull(trace.traceparent());
        assertEquals(traceId(PUSH_TRACE), traceId(trace.traceparent()), "the poll is in the webhook's trace");
        assertTrue(trace.summary().startsWith("source "), trace.summary());
        artifacts.await("the pushed commit's artifact, same URL spelt otherwise", sameRepoSlash,
                a -> a.revision().equals("main@sha1:" + second));
        assertTrue(commands.values(otherBranch).isEmpty(), "a push to main leaves the release branch's source alone");
    }

    @Test
    void forgedOrUnsignedPushesAreRefused() {
        String target = gitRepository("guarded", gitServer.url("guarded"), Map.of("branch", "main"));
        String body = payload("github-push.json", gitServer.url("guarded"),
                Map.of("REF", "refs/heads/main", "BEFORE", ZERO, "AFTER", "1".repeat(40)));
        List<HttpResponse<String>> refused = new ArrayList<>(List.of(
                post("/api/webhook", body, "Content-Type", "application/json", "X-GitHub-Event", "push",
                        "X-Hub-Signature-256", signature("sha256", "guess", body)),
                post("/api/webhook", body, "Content-Type", "application/json", "X-GitHub-Event", "push"),
                post("/api/webhook", body, "Content-Type", "application/json", "X-Gitlab-Event", "Push Hook",
                        "X-Gitlab-Token", GITHUB_SECRET)));
        for (HttpResponse<String> response : refused) {
            assertEquals(401, response.statusCode(), response.body());
        }

        String ping = payload("github-ping.json", gitServer.url("guarded"), Map.of());
        HttpResponse<String> pong = post("/api/webhook", ping, "Content-Type", "application/json",
                "X-GitHub-Event", "ping", "X-Hub-Signature-256", signature("sha256", GITHUB_SECRET, ping));
        assertEquals(200, pong.statusCode(), pong.body());
        assertEquals("github event 'ping' is not a push: nothing to do", reply(pong).get("message"));
        HttpResponse<String> accepted = post("/api/webhook", body, "Content-Type", "application/json",
                "X-GitHub-Event", "push", "X-Hub-Signature-256", signature("sha256", GITHUB_SECRET, body));
        assertEquals(202, accepted.statusCode(), accepted.body());
        commands.await("the signed push's command", target, c -> true);
        assertEquals(1, commands.values(target).size(), "nothing from the refused ones: " + commands.values(target));
    }

    @Test
    void aGenericPushIsRefusedUntilItsSecretIsConfigured() {
        String target = gitRepository("generic-push", "ssh://git@127.0.0.1/git/generic-push.git",
                Map.of("branch", "edge"));
        String body = "{\"url\": \"http://127.0.0.1/git/generic-push\", \"ref\": \"edge\"}";
        String secret = "shared-generic-secret";
        HttpResponse<String> unconfigured = post("/api/webhook", body, "Content-Type", "application/json",
                "X-Signature", signature("sha256", secret, body));
        assertEquals(401, unconfigured.statusCode(), unconfigured.body());
        assertEquals("no generic webhook secret is configured (key 'generic' of secret sluice-system/webhook): "
                + "unsigned pushes are refused", reply(unconfigured).get("message"));

        Webhooks.secret("sluice-system", "webhook", "generic", secret);
        HttpResponse<String> signed = post("/api/webhook", body, "Content-Type", "application/json",
                "X-Signature", signature("sha256", secret, body));
        assertEquals(202, signed.statusCode(), signed.body());
        assertEquals(List.of(target), reply(signed).get("sources"));
    }

    @Test
    void gitlabAndBitbucketPushesFindTheirSourcesByEveryUrlForm() {
        String cloneUrl = gitServer.url("hosts");
        String viaGitlab = gitRepository("hosts-gitlab", cloneUrl, Map.of("branch", "gl"));
        String viaCloud = gitRepository("hosts-cloud", cloneUrl.replace(".git", ""), Map.of("branch", "cloud"));
        String viaServer = gitRepository("hosts-server", cloneUrl, Map.of("branch", "server"));
        String tagged = gitRepository("hosts-tag", cloneUrl, Map.of("tag", "v2.1.0"));

        String gitlab = payload("gitlab-push.json", cloneUrl, Map.of("REF", "refs/heads/gl", "BEFORE", ZERO,
                "AFTER", "2".repeat(40)));
        assertEquals(401, post("/api/webhook", gitlab, "Content-Type", "application/json", "X-Gitlab-Event",
                "Push Hook", "X-Gitlab-Token", GITLAB_SECRET + "!").statusCode());
        HttpResponse<String> gitlabPush = post("/api/webhook", gitlab, "Content-Type", "application/json",
                "X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", GITLAB_SECRET);
        assertEquals(202, gitlabPush.statusCode(), gitlabPush.body());
        assertEquals(List.of(viaGitlab), reply(gitlabPush).get("sources"));

        String cloud = payload("bitbucket-cloud-push.json", cloneUrl, Map.of("BRANCH", "cloud", "BEFORE", ZERO,
                "AFTER", "3".repeat(40)));
        HttpResponse<String> cloudPush = post("/api/webhook", cloud, "Content-Type", "application/json",
                "X-Event-Key", "repo:push", "X-Hook-UUID", "0e2d6f7b-5c4a-4b3a-9f8e-7d6c5b4a3f2e",
                "X-Hub-Signature", signature("sha256", BITBUCKET_SECRET, cloud));
        assertEquals(202, cloudPush.statusCode(), cloudPush.body());
        assertEquals(List.of(viaCloud), reply(cloudPush).get("sources"));

        String server = payload("bitbucket-server-refs-changed.json", cloneUrl, Map.of("REF", "refs/heads/server",
                "BRANCH", "server", "BEFORE", ZERO, "AFTER", "4".repeat(40)));
        HttpResponse<String> serverPush = post("/api/webhook", server, "Content-Type", "application/json; charset=UTF-8",
                "X-Event-Key", "repo:refs_changed", "X-Request-Id", "6d1a2b3c-4d5e-4f60-8a9b-0c1d2e3f4a5b",
                "X-Hub-Signature", signature("sha256", BITBUCKET_SECRET, server));
        assertEquals(202, serverPush.statusCode(), serverPush.body());
        assertEquals(List.of(viaServer), reply(serverPush).get("sources"));

        String tag = payload("github-push.json", cloneUrl, Map.of("REF", "refs/tags/v2.1.0", "BEFORE", ZERO,
                "AFTER", "5".repeat(40)));
        HttpResponse<String> tagPush = post("/api/webhook", tag, "Content-Type", "application/json",
                "X-GitHub-Event", "push", "X-Hub-Signature-256", signature("sha256", GITHUB_SECRET, tag));
        assertEquals(List.of(tagged), reply(tagPush).get("sources"), tagPush.body());

        String nobody = payload("github-push.json", cloneUrl, Map.of("REF", "refs/heads/nobody", "BEFORE", ZERO,
                "AFTER", "6".repeat(40)));
        HttpResponse<String> unfollowed = post("/api/webhook", nobody, "Content-Type", "application/json",
                "X-GitHub-Event", "push", "X-Hub-Signature-256", signature("sha256", GITHUB_SECRET, nobody));
        assertEquals(200, unfollowed.statusCode(), unfollowed.body());
        assertEquals("no GitRepository follows refs/heads/nobody of " + cloneUrl.replace(".git", ""),
                reply(unfollowed).get("message"));
    }

    @Test
    void malformedAndOversizePayloadsAreRefusedWithAReason() {
        String broken = "{\"ref\": \"refs/heads/main\", \"repository\": {\"html_url\": }";
        HttpResponse<String> malformed = post("/api/webhook", broken, "Content-Type", "application/json",
                "X-GitHub-Event", "push", "X-Hub-Signature-256", signature("sha256", GITHUB_SECRET, broken));
        assertEquals(400, malformed.statusCode(), malformed.body());
        Event event = events.await("the rejection event", "source.sluice.io/Webhook/sluice-system/github",
                e -> e.reason().equals("WebhookRejected"));
        assertTrue(event.message().startsWith("/api/webhook: github event 'push' refused: the github payload is not "
                + "valid JSON: "), event.message());

        String noRepository = "{\"ref\": \"refs/heads/main\"}";
        HttpResponse<String> incomplete = post("/api/webhook", noRepository, "Content-Type", "application/json",
                "X-GitHub-Event", "push", "X-Hub-Signature-256", signature("sha256", GITHUB_SECRET, noRepository));
        assertEquals(400, incomplete.statusCode(), incomplete.body());
        assertEquals("the github push payload names no repository URL", reply(incomplete).get("message"));

        String huge = "{\"pad\": \"" + "y".repeat(1024 * 1024) + "\"}";
        assertEquals(413, post("/api/webhook", huge, "Content-Type", "application/json", "X-GitHub-Event", "push",
                "X-Hub-Signature-256", signature("sha256", GITHUB_SECRET, huge)).statusCode());
        assertTrue(Webhooks.count("too_large", "/api/webhook:github") >= 1);

        List<String> seen = new ArrayList<>(logs.lines());
        events.entries().forEach(e -> seen.add(Json.write(e.value())));
        for (String secret : List.of(GITHUB_SECRET, GITLAB_SECRET, BITBUCKET_SECRET)) {
            assertFalse(seen.stream().anyMatch(line -> line.contains(secret)), secret + " leaked");
        }
    }

    /** The trace id of a W3C traceparent ({@code version-traceid-spanid-flags}). */
    private static String traceId(String traceparent) {
        return traceparent.split("-")[1];
    }

    private static String gitRepository(String name, String url, Map<String, Object> ref) {
        String id = Webhooks.publish(publisher, new ObjectRef("source.toolkit.fluxcd.io/v1", "GitRepository", NS, name),
                Map.of("name", name, "namespace", NS), Map.of("url", url, "interval", "1h", "ref", ref));
        Webhooks.awaitListed(NS, name);
        return id;
    }
}
