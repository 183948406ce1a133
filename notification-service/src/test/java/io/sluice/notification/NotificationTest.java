package io.sluice.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.events.ConfigDocument;
import io.sluice.events.Event;
import io.sluice.events.Json;
import io.sluice.api.ObjectRef;
import io.sluice.events.Topics;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class NotificationTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String API_VERSION = "notification.toolkit.fluxcd.io/v1beta3";

    private static Receiver receiver;
    private static Publisher publisher;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URI service;

    @BeforeAll
    static void start() {
        receiver = new Receiver();
        publisher = new Publisher(KafkaBroker.shared().bootstrapServers());
    }

    @AfterAll
    static void stop() {
        publisher.close();
        receiver.close();
    }

    private static ObjectRef object(String kind, String namespace, String name) {
        String apiVersion = kind.equals("Kustomization") ? "kustomize.toolkit.fluxcd.io/v1"
                : "source.toolkit.fluxcd.io/v1";
        return new ObjectRef(apiVersion, kind, namespace, name);
    }

    private static void config(String kind, String name, Map<String, Object> spec) {
        ObjectRef ref = new ObjectRef(API_VERSION, kind, "flux-system", name);
        Map<String, Object> document = Map.of("apiVersion", API_VERSION, "kind", kind,
                "metadata", Map.of("name", name, "namespace", "flux-system"), "spec", spec);
        publisher.send(Topics.CONFIG, ref.id(), ConfigDocument.of(ref, "notifications/" + name + ".yaml", document));
    }

    /** A Provider and an Alert on it, waiting until the service follows both. */
    private void alertTo(String name, String type, String address, Map<String, Object> alertSpec) throws Exception {
        config("Provider", name, Map.of("type", type, "address", address));
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

    private List<Receiver.Request> awaitRequests(String path, int count) {
        return Deadline.await(count + " requests to " + path, WAIT,
                () -> receiver.requests(path).size() >= count ? receiver.requests(path) : null,
                () -> receiver.requests(path).toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMatchingEventIsPostedInFluxsEventFormat() throws Exception {
        alertTo("fields", "generic", receiver.url("/fields"), Map.of(
                "eventSources", List.of(Map.of("kind", "Kustomization", "name", "web")),
                "eventMetadata", Map.of("cluster", "dev")));
        ObjectRef web = object("Kustomization", "flux-system", "web");
        Event event = Event.info(web, "ReconciliationSucceeded", "applied 3 objects", "main@sha1:abc",
                "apply-service");
        send(web.id(), event);

        Receiver.Request request = awaitRequests("/fields", 1).get(0);

        assertEquals("application/json", request.contentType());
        assertEquals("apply-service", request.component());
        Map<String, Object> body = Json.read(request.body(), Map.class);
        assertEquals(Map.of("kind", "Kustomization", "namespace", "flux-system", "name", "web",
                "apiVersion", "kustomize.toolkit.fluxcd.io/v1"), body.get("involvedObject"));
        assertEquals("info", body.get("severity"));
        assertEquals(event.time(), Instant.parse((String) body.get("timestamp")));
        assertEquals("applied 3 objects", body.get("message"));
        assertEquals("ReconciliationSucceeded", body.get("reason"));
        assertEquals(Map.of("revision", "main@sha1:abc", "cluster", "dev"), body.get("metadata"));
        assertEquals("apply-service", body.get("reportingController"));
        assertEquals("apply-service", body.get("reportingInstance"));
    }

    @Test
    void onlyEventsOfTheAlertsSourcesSeverityAndMessagesAreSent() throws Exception {
        alertTo("filtered", "generic", receiver.url("/filtered"), Map.of(
                "eventSeverity", "error",
                "eventSources", List.of(Map.of("kind", "GitRepository", "name", "*")),
                "exclusionList", List.of("time(d)? ?out")));
        ObjectRef repo = object("GitRepository", "flux-system", "repo");
        // One key keeps these events in order: once the last is received, the others were handled.
        String key = repo.id();
        send(key, Event.info(repo, "NewArtifact", "severity info is below the alert's", null, "source-service"));
        send(key, Event.error(object("Kustomization", "flux-system", "repo"), "BuildFailed", "another kind", null,
                "render-service"));
        send(key, Event.error(object("GitRepository", "team-a", "repo"), "GitOperationFailed",
                "another namespace", null, "source-service"));
        send(key, Event.error(repo, "GitOperationFailed", "fetch timed out", null, "source-service"));
        send(key, new Event(Event.VERSION, repo, Event.ERROR, "GitOperationFailed", "two hours old", null,
                "source-service", Instant.now().minus(Duration.ofHours(2))));
        send(key, Event.error(repo, "GitOperationFailed", "authentication required", null, "source-service"));

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

        List<Receiver.Request> requests = awaitRequests("/flaky", 2);
        assertEquals(requests.get(0).body(), requests.get(1).body());
        Deadline.until("sent counted", WAIT, () -> get("/q/metrics").lines().anyMatch(line ->
                line.startsWith("sluice_notification_sent_total{outcome=\"sent\",provider=\"flux-system/flaky\"}")));
    }

    @Test
    void aReceiverThatKeepsFailingIsTriedFourTimesThenCountedAsFailed() throws Exception {
        alertTo("down", "generic", receiver.url("/down"), Map.of(
                "eventSources", List.of(Map.of("kind", "GitRepository", "name", "down"))));
        receiver.answer("/down", 500, 502, 503, 504, 200);
        ObjectRef repo = object("GitRepository", "flux-system", "down");
        send(repo.id(), Event.error(repo, "GitOperationFailed", "unreachable", null, "source-service"));

        Deadline.until("failure counted", WAIT, () -> get("/q/metrics").lines().anyMatch(line ->
                line.startsWith("sluice_notification_sent_total{outcome=\"failed\",provider=\"flux-system/down\"}")));
        assertEquals(4, receiver.requests("/down").size());
    }

    @Test
    void aProviderTypeNotSupportedYetIsCountedNotSent() throws Exception {
        alertTo("chat", "slack", receiver.url("/chat"), Map.of(
                "eventSources", List.of(Map.of("kind", "GitRepository", "name", "chat"))));
        ObjectRef repo = object("GitRepository", "flux-system", "chat");
        send(repo.id(), Event.info(repo, "NewArtifact", "stored artifact", null, "source-service"));

        Deadline.until("unsupported counted", WAIT, () -> get("/q/metrics").lines().anyMatch(line -> line.startsWith(
                "sluice_notification_sent_total{outcome=\"unsupported\",provider=\"flux-system/chat\"}")));
        assertEquals(List.of(), receiver.requests("/chat"));
        assertTrue(get("/q/health/ready").contains("\"status\": \"UP\""), get("/q/health/ready"));
    }
}
