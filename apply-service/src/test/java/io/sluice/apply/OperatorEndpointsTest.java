package io.sluice.apply;

import static io.sluice.apply.ApplyFixture.SETTINGS;
import static io.sluice.apply.ApplyFixture.configMap;
import static io.sluice.apply.ApplyFixture.revision;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.api.ObjectRef;
import io.sluice.api.status.SyncCode;
import io.sluice.events.AppStatus;
import io.sluice.events.Json;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.process.Deadline;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the CLI and an operator see: the app list, readiness and metrics. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ClusterTestResource.class)
class OperatorEndpointsTest {
    private final ApplyFixture fixture = ApplyFixture.shared();
    private final HttpClient http = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URL root;

    private HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(root.toString()).resolve(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readyAndListsAppsWithMetrics() {
        Deadline.until("/q/health/ready to be UP", ApplyFixture.TIMEOUT,
                () -> get("q/health/ready").statusCode() == 200);

        String ns = ApplyFixture.newNamespace("ops");
        ObjectRef app = fixture.kustomization("listed", true, ns);
        var bundle = List.of(SETTINGS);
        fixture.bundle(app, revision("0001"), bundle);
        fixture.awaitRevision(app, revision("0001"));

        AppStatus listed = Deadline.await("the app in GET /api/apps", ApplyFixture.TIMEOUT, () -> {
            AppStatus[] apps = Json.read(get("api/apps").body(), AppStatus[].class);
            return Arrays.stream(apps).filter(s -> app.equals(s.app())).findFirst().orElse(null);
        }, () -> get("api/apps").body());
        assertEquals(SyncCode.SYNCED, listed.sync());
        assertEquals(revision("0001"), listed.revision());

        assertEquals(1.0, Meters.service(root, "sluice_apply_objects_applied_total", app));
        assertTrue(Meters.service(root, "sluice_apply_duration_seconds_count", app) >= 1.0);

        // The same bundle again (a redelivery) is not applied again; the next revision is.
        fixture.bundle(app, revision("0001"), bundle);
        fixture.bundle(app, revision("0002"), List.of(configMap("settings", null, Map.of("k", "w"))));
        fixture.awaitRevision(app, revision("0002"));
        Deadline.until("the applied counter to count revision 0002", ApplyFixture.TIMEOUT,
                () -> Meters.service(root, "sluice_apply_objects_applied_total", app) == 2.0);
    }
}
