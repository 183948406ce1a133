package io.sluice.apply;

import static io.sluice.apply.ApplyFixture.configMap;
import static io.sluice.apply.ApplyFixture.revision;
import static io.sluice.apply.ApplyFixture.secret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.api.ObjectRef;
import io.sluice.api.status.SyncCode;
import io.sluice.events.AppStatus;
import io.sluice.events.ClaimCheck;
import io.sluice.events.Json;
import io.sluice.events.RenderedBundle;
import io.sluice.events.Topics;
import io.sluice.events.kafka.Publisher;
import io.sluice.events.seal.BundleKeys;
import io.sluice.events.seal.SecretSeal;
import io.sluice.testkit.cluster.ClusterProvider;
import io.sluice.testkit.kafka.KafkaBroker;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.logs.LogCapture;
import io.sluice.testkit.process.FreePorts;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bundles as render-service publishes them: Secrets sealed with the shared bundle key, and large
 * bundles by claim check. A Secret that does not open or a claim check that cannot be fetched
 * applies and prunes nothing, and the status says why, naming the application.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ClusterTestResource.class)
class SealedBundlesTest {
    private static final String PASSWORD = "pw-" + UUID.randomUUID();
    private static LogCapture logs;
    private static Publisher publisher;
    private static HttpServer render;
    private final ApplyFixture fixture = ApplyFixture.shared();

    @BeforeAll
    static void start() throws IOException {
        logs = LogCapture.start();
        publisher = new Publisher(KafkaBroker.shared().bootstrapServers());
        render = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        render.start();
    }

    @AfterAll
    static void stop() {
        render.stop(0);
        publisher.close();
        logs.close();
    }

    @Test
    void aSealedSecretIsAppliedWithItsDataAndOneSealedWithAnUnknownKeyPrunesNothing() {
        String ns = ApplyFixture.newNamespace("sealed");
        ObjectRef app = fixture.kustomization("sealed", true, ns);
        List<Map<String, Object>> objects = List.of(configMap("settings", null, Map.of("k", "v")),
                secret("credentials", Map.of("password", PASSWORD)));
        publish(bundle(app, revision("5e01"), new SecretSeal(testKeys()).seal(app.id(), objects)));

        assertEquals(SyncCode.SYNCED, fixture.awaitRevision(app, revision("5e01")).sync());
        assertEquals(base64(PASSWORD), kubectl("get", "secret", "credentials", "-n", ns, "-o",
                "jsonpath={.data.password}"));

        // Without the ConfigMap: were this bundle applied, the ConfigMap would be pruned.
        BundleKeys unknown = BundleKeys.of(randomKey());
        publish(bundle(app, revision("5e02"), new SecretSeal(unknown).seal(app.id(),
                List.of(secret("credentials", Map.of("password", "other"))))));

        String keyId = unknown.current().id();
        AppStatus refused = fixture.awaitStatus(app, "the unknown key reported",
                s -> s.message().contains("bundle key " + keyId));
        assertTrue(refused.message().startsWith(app.id() + ": Secret/credentials is sealed with bundle key "
                + keyId + ", which this service does not hold"), refused.message());
        assertEquals(revision("5e01"), refused.revision());
        fixture.awaitEvent(app, "ReconciliationFailed", e -> e.message().contains(keyId));
        assertEquals("v", kubectl("get", "configmap", "settings", "-n", ns, "-o", "jsonpath={.data.k}"));
        assertEquals(base64(PASSWORD), kubectl("get", "secret", "credentials", "-n", ns, "-o",
                "jsonpath={.data.password}"));
        assertNotLogged();
    }

    @Test
    void aClaimCheckedBundleIsFetchedAndAppliedAndOneThatCannotBeFetchedPrunesNothing() {
        String ns = ApplyFixture.newNamespace("claim");
        ObjectRef app = fixture.kustomization("claimed", true, ns);
        List<Map<String, Object>> objects = new SecretSeal(testKeys()).seal(app.id(), List.of(
                configMap("first", null, Map.of("k", "1")), configMap("second", null, Map.of("k", "2")),
                secret("credentials", Map.of("password", PASSWORD))));
        byte[] payload = Json.write(objects).getBytes(StandardCharsets.UTF_8);
        String path = "/bundles/" + UUID.randomUUID();
        render.createContext(path, exchange -> {
            exchange.sendResponseHeaders(200, payload.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(payload);
            }
        });
        String url = "http://127.0.0.1:" + render.getAddress().getPort() + path;
        publish(bundle(app, revision("c001"), List.of())
                .withClaimCheck(new ClaimCheck(url, sha256(payload), payload.length, 3)));

        assertEquals(SyncCode.SYNCED, fixture.awaitRevision(app, revision("c001")).sync());
        assertEquals("2", kubectl("get", "configmap", "second", "-n", ns, "-o", "jsonpath={.data.k}"));
        assertEquals(base64(PASSWORD), kubectl("get", "secret", "credentials", "-n", ns, "-o",
                "jsonpath={.data.password}"));

        // Only "first" in the new bundle, but it cannot be fetched: "second" must stay.
        String gone = "http://127.0.0.1:" + FreePorts.next() + "/bundles/gone";
        publish(bundle(app, revision("c002"), List.of()).withClaimCheck(new ClaimCheck(gone, sha256(payload),
                payload.length, 1)));

        AppStatus failed = fixture.awaitStatus(app, "the failed fetch reported",
                s -> s.message().contains("cannot fetch"));
        assertTrue(failed.message().startsWith(app.id() + ": cannot fetch the bundle of revision " + revision("c002")
                + " from its claim check " + gone + ": "), failed.message());
        assertEquals(revision("c001"), failed.revision());
        assertEquals("2", kubectl("get", "configmap", "second", "-n", ns, "-o", "jsonpath={.data.k}"));
        assertNotLogged();
    }

    private static RenderedBundle bundle(ObjectRef app, String revision, List<Map<String, Object>> objects) {
        return RenderedBundle.ok(app.id(), "source.toolkit.fluxcd.io/GitRepository/flux-system/demo", revision,
                "sha256:" + UUID.randomUUID(), objects, Instant.now());
    }

    private static void publish(RenderedBundle bundle) {
        publisher.send(Topics.MANIFESTS_RENDERED, bundle.appId(), bundle);
    }

    private static BundleKeys testKeys() {
        return BundleKeys.fromConfig(ConfigProvider.getConfig().getOptionalValue("sluice.bundle.key", String.class),
                Optional.empty(), Optional.empty());
    }

    private static void assertNotLogged() {
        String key = ConfigProvider.getConfig().getValue("sluice.bundle.key", String.class);
        for (String line : logs.lines()) {
            assertTrue(!line.contains(PASSWORD) && !line.contains(base64(PASSWORD)) && !line.contains(key), line);
        }
    }

    private static String kubectl(String... args) {
        return ClusterProvider.shared().kubectl(args);
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
