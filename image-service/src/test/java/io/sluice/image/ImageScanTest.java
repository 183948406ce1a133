package io.sluice.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.api.ObjectRef;
import io.sluice.api.status.Reasons;
import io.sluice.events.Event;
import io.sluice.events.Json;
import io.sluice.events.Topics;
import io.sluice.events.kafka.Publisher;
import io.sluice.events.kafka.TopicView;
import io.sluice.testkit.kafka.KafkaBroker;
import io.sluice.testkit.registry.OciRegistry;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.process.Deadline;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ImageScanTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Publisher publisher;
    private static TopicView<Event> eventView;
    private static final List<Event> EVENTS = new CopyOnWriteArrayList<>();

    @TestHTTPResource("/")
    URI service;

    @BeforeAll
    static void start() {
        String bootstrap = KafkaBroker.shared().bootstrapServers();
        publisher = new Publisher(bootstrap);
        eventView = new TopicView<>(bootstrap, Topics.EVENTS, Event.class, (key, event) -> EVENTS.add(event)).start();
    }

    @AfterAll
    static void stop() {
        eventView.close();
        publisher.close();
    }

    private static ObjectRef imageRepository(String name, Map<String, Object> spec) {
        return ConfigDocuments.publish(publisher, name, spec);
    }

    private static Event event(ObjectRef about, String reason, String message) {
        return Deadline.await(reason + " '" + message + "' about " + about.display(), WAIT,
                () -> EVENTS.stream().filter(e -> e.involvedObject().equals(about) && e.reason().equals(reason)
                        && e.message().startsWith(message)).findFirst().orElse(null),
                () -> EVENTS.stream().filter(e -> e.involvedObject().equals(about)).toList().toString());
    }

    private String get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(service.resolve(path)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    @Test
    void theTagsOfARealRegistryAreFoundOnEveryInterval(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(OciRegistry.BINARY), OciRegistry.BINARY
                + " is missing: install the Debian package docker-registry to run this test");
        try (OciRegistry registry = OciRegistry.start(dir)) {
            for (String tag : List.of("1.0.0", "1.1.0", "2.0.0", "sha256-1f2e.sig")) {
                registry.push("apps/web", tag);
            }
            Map<String, Object> spec = new LinkedHashMap<>(Map.of("image", registry.address() + "/apps/web",
                    "interval", "1s", "insecure", true));
            ObjectRef web = imageRepository("web", spec);

            // The signature tag is left out by Flux's default exclusionList.
            Event found = event(web, Reasons.SCAN_SUCCEEDED, "successful scan: found 3 tags");
            assertEquals(Event.INFO, found.severity());
            assertEquals("image-service", found.reportingService());

            registry.push("apps/web", "2.1.0");
            event(web, Reasons.SCAN_SUCCEEDED, "successful scan: found 4 tags");

            JsonNode status = statusOf("web");
            assertEquals(registry.address() + "/apps/web", status.path("image").asText());
            assertEquals(4, status.path("tags").asInt());
            // Flux's latestTags: the greatest tags in reverse string order.
            assertEquals("[\"2.1.0\",\"2.0.0\",\"1.1.0\",\"1.0.0\"]", status.path("latestTags").toString());
            assertEquals("successful scan: found 4 tags", status.path("message").asText());
            assertTrue(status.hasNonNull("lastScan"), status.toString());
            String metrics = get("/q/metrics");
            assertTrue(metrics.contains("sluice_image_scan_seconds_count{outcome=\"succeeded\","
                    + "repository=\"flux-system/web\"}"), metrics);

            ObjectRef missing = imageRepository("missing", Map.of("image", registry.address() + "/apps/none",
                    "interval", "1m", "insecure", true));
            Event failed = event(missing, Reasons.SCAN_FAILED, "scan of " + registry.address()
                    + "/apps/none failed: GET http://" + registry.address() + "/v2/apps/none/tags/list: HTTP 404");
            assertTrue(failed.message().endsWith("repository name not known to registry"), failed.message());
        }
    }

    @Test
    void anImageWithoutHostIsLookedUpOnDockerHub() {
        ObjectRef nginx = imageRepository("nginx", Map.of("image", "nginx", "interval", "1m"));

        Event failed = event(nginx, Reasons.SCAN_FAILED,
                "scan of nginx failed: GET https://registry-1.docker.io/v2/library/nginx/tags/list: ");
        assertEquals(Event.ERROR, failed.severity());
    }

    @Test
    void anImageWithATagIsRefusedNamingTheFileObjectAndField() {
        // source-service publishes only valid documents; this one comes straight onto the topic, as an
        // older version could have published it.
        ObjectRef tagged = imageRepository("tagged", Map.of("image", "ghcr.io/team/app:1.0", "interval", "1m",
                "secretRef", Map.of("name", "registry-login")));

        assertEquals("images/tagged.yaml: ImageRepository flux-system/tagged: spec.image ghcr.io/team/app:1.0 names"
                + " a tag or digest: give the repository only", event(tagged, Reasons.SCAN_FAILED, "cannot scan: ")
                .message().substring("cannot scan: ".length()));
        // Fields Sluice does not act on are reported once, by source-service when it reads the document.
        assertEquals(List.of(), EVENTS.stream().filter(e -> e.involvedObject().equals(tagged)
                && e.reason().equals(Reasons.UNSUPPORTED_FIELDS)).toList());
    }

    @Test
    void aSecretRefNamingNoSecretFailsTheScanNamingTheFieldAndTheSecret() {
        ObjectRef api = imageRepository("api", Map.of("image", "127.0.0.1:1/apps/api", "interval", "1m",
                "insecure", true, "secretRef", Map.of("name", "no-such-login")));

        Event failed = event(api, Reasons.SCAN_FAILED, "scan of 127.0.0.1:1/apps/api failed: spec.secretRef: secret"
                + " flux-system/no-such-login not found in ");
        assertEquals(Event.ERROR, failed.severity());
    }

    @Test
    void eachRequestIsLimitedBySpecTimeout() throws Exception {
        // A registry that takes connections and never answers.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ObjectRef slow = imageRepository("slow", Map.of("image", "127.0.0.1:" + silent.getLocalPort() + "/app",
                    "interval", "1h", "timeout", "1s", "insecure", true));

            Event failed = event(slow, Reasons.SCAN_FAILED, "scan of 127.0.0.1:" + silent.getLocalPort()
                    + "/app failed: GET http://127.0.0.1:" + silent.getLocalPort() + "/v2/app/tags/list: ");
            // Without spec.timeout the limit would be the interval, an hour: no failure within WAIT.
            assertTrue(failed.message().contains("HttpTimeoutException"), failed.message());
        }
    }

    private JsonNode statusOf(String name) {
        try {
            return List.copyOf(Json.MAPPER.readTree(get("/api/images")).findParents("name")).stream()
                    .filter(node -> node.path("name").asText().equals(name)).findFirst().orElse(null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
