package io.sluice.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.api.ObjectRef;
import io.sluice.events.Event;
import io.sluice.events.Json;
import io.sluice.events.Topics;
import io.sluice.events.kafka.DeadLetter;
import io.sluice.events.kafka.DeadLetters;
import io.sluice.events.kafka.Publisher;
import io.sluice.testkit.kafka.KafkaBroker;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.process.Deadline;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class NotificationTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static WebhookRecorder receiver;
    private static Publisher publisher;
    /** What the service logs, formatted: held here so that the handler stays on it. */
    private static final Logger SERVICE_LOG = Logger.getLogger("io.sluice.notification");
    private static final List<String> LOG_LINES = new CopyOnWriteArrayList<>();
    private static final Handler LOG_RECORDER = new Handler() {
        @Override
        public void publish(LogRecord record) {
            LOG_LINES.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URI service;

    @BeforeAll
    static void start() {
        receiver = new WebhookRecorder();
        publisher = new Publisher(KafkaBroker.shared().bootstrapServers());
        SERVICE_LOG.addHandler(LOG_RECORDER);
    }

    @AfterAll
    static void stop() {
        SERVICE_LOG.removeHandler(LOG_RECORDER);
        publisher.close();
        receiver.close();
    }

    private static ObjectRef object(String kind, String namespace, String name) {
        String apiVersion = kind.equals("Kustomization") ? "kustomize.toolkit.fluxcd.io/v1"
                : "source.toolkit.fluxcd.io/v1";
        return new ObjectRef(apiVersion, kind, namespace, name);
    }

    private static void config(String kind, String name, Map<String, Object> spec) {
        NotificationDocuments.publish(publisher, kind, name, spec);
    }

    /** A Provider and an Alert on it, waiting until the service follows both. */
    private void alertTo(String name, String type, String address, Map<String, Object> alertSpec) throws Exception {
        alertTo(name, Map.of("type", type, "address", address), alertSpec);
    }

    private void alertTo(String name, Map<String, Object> providerSpec, Map<String, Object> alertSpec)
            throws Exception {
        config("Provider", name, providerSpec);
        Map<String, Object> spec = new LinkedHashMap<>(alertSpec);
        spec.put("providerRef", Map.of("name", name));
        config("Alert", name, spec);
        Deadline.until("alert " + name + " and its provider followed", WAIT, () -> get("/api/alerts").contains(
                "\"name\":\"" + name + "\",\"provider\":\"flux-system/" + name + "\",\"providerFound\":true"));
    }

    private static void send(String key, Event event) {
        publisher.send(Topics.EVENTS, key, event);
    }

    private String get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(service.resolve(path)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until a delivery to the Provider flux-system/{@code provider} is counted with {@code outcome}. */
    private void awaitCounted(String outcome, String provider) {
        String counter = "sluice_notification_sent_total{outcome=\"" + outcome + "\",provider=\"flux-system/" + provider
                + "\"}";
        Deadline.until(counter, WAIT, () -> get("/q/metrics").lines().anyMatch(line -> line.startsWith(counter)));
    }

    private List<WebhookRecorder.Request> awaitRequests(String path, int count) {
        return Deadline.await(count + " requests to " + path, WAIT,
                () -> receiver.requests(path).size() >= count ? receiver.requests(path) : null,
                () -> receiver.requests(path).toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMatchingEventIsPostedInFluxsEventFormat() throws Exception {
        alertTo("fields", "generic", receiver.url("/fields"), Map.of(
                "eventSources", List.of(Map.of("kind", "Kustomization", "name", "web")),
                "eventMetadata", Map.of("cluster", "dev"),
                "summary", "web changed"));
        ObjectRef web = object("Kustomization", "flux-system", "web");
        Event event = Event.info(web, "ReconciliationSucceeded", "applied 3 objects", "main@sha1:abc",
                "apply-service");
        send(web.id(), event);

        WebhookRecorder.Request request = awaitRequests("/fields", 1).get(0);

        assertEquals("application/json", request.contentType());
        assertEquals("apply-service", request.component());
        Map<String, Object> body = Json.read(request.body(), Map.class);
        assertEquals(Map.of("kind", "Kustomization", "namespace", "flux-system", "name", "web",
                "apiVersion", "kustomize.toolkit.fluxcd.io/v1"), body.get("involvedObject"));
        assertEquals("info", body.get("severity"));
        assertEquals(event.time(), Instant.parse((String) body.get("timestamp")));
        assertEquals("applied 3 objects", body.get("message"));
        assertEquals("ReconciliationSucceeded", body.get("reason"));
        // spec.summary travels in the metadata, as Flux sends it.
        assertEquals(Map.of("revision", "main@sha1:abc", "cluster", "dev", "summary", "web changed"),
                body.get("metadata"));
        assertEquals("apply-service", body.get("reportingController"));
        assertEquals("apply-service", body.get("reportingInstance"));
    }

    @Test
    void onlyEventsOfTheAlertsSourcesSeverityAndMessagesAreSent() throws Exception {
        alertTo("filtered", "generic", receiver.url("/filtered"), Map.of(
                "eventSeverity", "error",
                // Events carry no labels: with name '*', every GitRepository of the namespace matches.
                "eventSources", List.of(Map.of("kind", "GitRepository", "name", "*", "matchLabels",
                        Map.of("team", "web"))),
                "inclusionList", List.of("^auth", "timed out"),
                "exclusionList", List.of("time(d)? ?out")));
        ObjectRef repo = object("GitRepository", "flux-system", "repo");
        // One key keeps these events in order: once the last is received, the others were handled. Each
        // but the last fails one condition of the Alert.
        String key = repo.id();
        String source = "source-service";
        send(key, Event.info(repo, "NewArtifact", "auth: severity info is below the alert's", null, source));
        send(key, Event.error(object("Kustomization", "flux-system", "repo"), "BuildFailed", "auth: another kind",
                null, "render-service"));
        send(key, Event.error(object("GitRepository", "team-a", "repo"), "GitOperationFailed",
                "auth: another namespace", null, source));
        send(key, Event.error(repo, "GitOperationFailed", "auth: fetch timed out (exclusionList)", null, source));
        send(key, Event.error(repo, "GitOperationFailed", "permission denied (no inclusionList entry)", null,
                source));
        send(key, new Event(Event.VERSION, repo, Event.ERROR, "GitOperationFailed", "auth: two hours old", null,
                source, Instant.now().minus(Duration.ofHours(2))));
        send(key, Event.error(repo, "GitOperationFailed", "authentication required", null, source));

        awaitRequests("/filtered", 1);

        List<String> messages = receiver.requests("/filtered").stream()
                .map(r -> (String) Json.read(r.body(), Map.class).get("message")).toList();
        assertEquals(List.of("authentication required"), messages);
    }

    @Test
    void aFailingReceiverIsRetriedAndCounted() throws Exception {
        alertTo("flaky", "generic", receiver.url("/flaky"), Map.of(
                "eventSources", List.of(Map.of("kind", "GitRepository", "name", "flaky"))));
        receiver.answer("/flaky", 503, 200);
        ObjectRef repo = object("GitRepository", "flux-system", "flaky");
        send(repo.id(), Event.info(repo, "NewArtifact", "stored artifact", "main@sha1:1", "source-service"));

        List<WebhookRecorder.Request> requests = awaitRequests("/flaky", 2);
        assertEquals(requests.get(0).body(), requests.get(1).body());
        awaitCounted("sent", "flaky");
    }

    @Test
    void aReceiverThatKeepsFailingIsTriedFourTimesThenCountedAsFailed() throws Exception {
        alertTo("down", "generic", receiver.url("/down"), Map.of(
                "eventSources", List.of(Map.of("kind", "GitRepository", "name", "down"))));
        receiver.answer("/down", 500, 502, 503, 504, 200);
        ObjectRef repo = object("GitRepository", "flux-system", "down");
        send(repo.id(), Event.error(repo, "GitOperationFailed", "unreachable", null, "source-service"));

        awaitCounted("failed", "down");
        assertEquals(4, receiver.requests("/down").size());
    }

    @Test
    void aProviderTypeNotSupportedYetIsCountedNotSent() throws Exception {
        alertTo("chat", "slack", receiver.url("/chat"), Map.of(
                "eventSources", List.of(Map.of("kind", "GitRepository", "name", "chat"))));
        ObjectRef repo = object("GitRepository", "flux-system", "chat");
        send(repo.id(), Event.info(repo, "NewArtifact", "stored artifact", null, "source-service"));

        awaitCounted("unsupported", "chat");
        assertEquals(List.of(), receiver.requests("/chat"));
        assertTrue(get("/q/health/ready").contains("\"status\": \"UP\""), get("/q/health/ready"));
        // source-service warned about the type when it read the Provider: no second warning here.
        assertEquals(List.of(), LOG_LINES.stream().filter(line -> line.contains("flux-system/chat")).toList());
    }

    @Test
    void eachAttemptIsLimitedByTheProvidersTimeout() throws Exception {
        alertTo("slow", Map.of("type", "generic", "address", receiver.url("/slow"), "timeout", "1s"), Map.of(
                "eventSources", List.of(Map.of("kind", "GitRepository", "name", "slow"))));
        receiver.delay("/slow", Duration.ofSeconds(5));
        ObjectRef repo = object("GitRepository", "flux-system", "slow");
        send(repo.id(), Event.info(repo, "NewArtifact", "stored artifact", null, "source-service"));

        // The first attempt gives up after the Provider's 1 s (Flux's default would wait 15 s for the 5 s
        // answer) and the retry is answered at once.
        List<WebhookRecorder.Request> requests = awaitRequests("/slow", 2);
        assertEquals(requests.get(0).body(), requests.get(1).body());
        awaitCounted("sent", "slow");
    }

    @Test
    void anInvalidProviderIsNotUsedAndItsAddressIsNeverSaid() throws Exception {
        // source-service publishes only valid documents: this one comes straight onto the topic, as an older
        // version could have published it. The address of a webhook is a credential.
        alertTo("leaky", Map.of("type", "generic", "address", "hooks.example.com/services/T000/s3cret"), Map.of(
                "eventSources", List.of(Map.of("kind", "GitRepository", "name", "leaky"))));
        ObjectRef repo = object("GitRepository", "flux-system", "leaky");
        send(repo.id(), Event.error(repo, "GitOperationFailed", "unreachable", null, "source-service"));

        awaitCounted("failed", "leaky");
        assertTrue(LOG_LINES.stream().anyMatch(line -> line.contains("provider flux-system/leaky cannot be used")
                && line.contains("notifications/leaky.yaml: Provider flux-system/leaky: spec.address must be an"
                        + " http:// or https:// URL")), LOG_LINES.toString());
        assertEquals(List.of(), LOG_LINES.stream().filter(line -> line.contains("s3cret")).toList());
        assertFalse(get("/api/alerts").contains("s3cret"));
    }

    @Test
    void anInvalidAlertIsListedWithItsErrorsAndMatchesNothing() throws Exception {
        config("Provider", "unmatched", Map.of("type", "generic", "address", receiver.url("/unmatched")));
        config("Alert", "unmatched", Map.of("providerRef", Map.of("name", "unmatched"), "eventSeverity", "warning",
                "eventSources", List.of(Map.of("kind", "GitRepository", "name", "unmatched"))));
        String where = "notifications/unmatched.yaml: Alert flux-system/unmatched: ";
        Deadline.until("the invalid alert listed with its error", WAIT, () -> get("/api/alerts").contains(
                "\"name\":\"unmatched\",\"provider\":null,\"providerFound\":false,\"eventSources\":[],"
                        + "\"eventSeverity\":\"info\",\"suspended\":false,\"problems\":[\"" + where
                        + "spec.eventSeverity must be info or error, not 'warning'\"]"));
        ObjectRef repo = object("GitRepository", "flux-system", "unmatched");
        send(repo.id(), Event.error(repo, "GitOperationFailed", "unreachable", null, "source-service"));
        // A later event on the same key is handled after this one: once it is counted, this one was not sent.
        alertTo("after-unmatched", "generic", receiver.url("/after-unmatched"), Map.of(
                "eventSources", List.of(Map.of("kind", "GitRepository", "name", "unmatched"))));
        send(repo.id(), Event.error(repo, "GitOperationFailed", "unreachable again", null, "source-service"));
        awaitRequests("/after-unmatched", 1);
        assertEquals(List.of(), receiver.requests("/unmatched"));
    }

    @Test
    void aRecordThatIsNoEventGoesToTheDeadLetterTopicWithItsReasonAndTheNextIsStillSent() throws Exception {
        alertTo("after-poison", "generic", receiver.url("/after-poison"), Map.of(
                "eventSources", List.of(Map.of("kind", "Kustomization", "name", "poisoned"))));
        ObjectRef poisoned = object("Kustomization", "flux-system", "poisoned");
        publisher.sendRaw(Topics.EVENTS, poisoned.id(), "{\"schemaVersion\": 1, \"severity\": [not json");
        send(poisoned.id(), Event.info(poisoned, "ReconciliationSucceeded", "after the poison", null,
                "apply-service"));

        awaitRequests("/after-poison", 1);
        DeadLetter dead = Deadline.await("the poison record in " + Topics.EVENTS + ".dlq", WAIT,
                () -> DeadLetters.read(KafkaBroker.shared().bootstrapServers(), Topics.EVENTS + ".dlq").stream()
                        .filter(letter -> poisoned.id().equals(letter.key())).findFirst().orElse(null),
                () -> "not there");
        assertEquals(Topics.EVENTS, dead.topic());
        assertTrue(dead.reason().contains("not a valid Event"), dead.reason());
        assertTrue(dead.value().contains("[not json"), dead.value());
    }
}
