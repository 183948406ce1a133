package io.sluice.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.events.ClaimCheck;
import io.sluice.events.Json;
import io.sluice.events.RenderedBundle;
import io.sluice.events.Topics;
import io.sluice.testkit.kafka.KafkaBroker;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.logs.LogCapture;
import io.sluice.testkit.process.Deadline;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Secrets never reach Kafka in clear: the raw records of the rendered topic, read with a plain
 * consumer, hold neither a Secret's value nor its base64 form; apply-service's key opens them. A
 * bundle too large for a record travels by claim check, served by this service.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class SecretsInBundlesTest extends RenderTestBase {
    private static final String PASSWORD = "pa55-" + UUID.randomUUID();
    private static final String TOKEN = "tok-" + UUID.randomUUID();
    private static final String SECRET_YAML = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: db
              namespace: prod
            type: Opaque
            stringData:
              password: %s
            data:
              token: %s
            """.formatted(PASSWORD, base64(TOKEN));

    @Test
    void theRawRecordsHoldNoSecretValueAndTheDigestOfAnUnchangedRenderStays() {
        try (LogCapture logs = LogCapture.start()) {
            renderSealedTwice();
            logs.lines().forEach(SecretsInBundlesTest::assertNotShown);
        }
    }

    private static void renderSealedTwice() {
        byte[] artifact = TarGz.of(Map.of("apps/db/secret.yaml", SECRET_YAML,
                "apps/db/settings.yaml", Manifests.configMap("settings")));
        RenderedBundle first = render("sealed", "apps/db", Map.of(), artifact);
        assertEquals(List.of(), first.errors());

        Map<String, Object> secret = Manifests.object(Manifests.opened(first), "Secret", "db");
        assertEquals(Map.of("password", PASSWORD), secret.get("stringData"));
        assertEquals(Map.of("token", base64(TOKEN)), secret.get("data"));
        assertEquals(Map.of("name", "db", "namespace", "prod"),
                Manifests.metadata(Manifests.object(first, "Secret", "db")));

        // A new revision that changes a file the render reads but not what it renders (a comment): a
        // new bundle (the revision moved), sealed anew, with the same digest.
        byte[] commented = TarGz.of(Map.of("apps/db/secret.yaml", SECRET_YAML + "# rotated nothing\n",
                "apps/db/settings.yaml", Manifests.configMap("settings")));
        topics.artifact(server.serve(RenderTopics.sourceId("sealed-repo"), "main@sha1:sealed2", commented));
        RenderedBundle second = topics.bundle(first.appId(), "main@sha1:sealed2");
        assertEquals(first.digest(), second.digest());
        assertFalse(Json.write(first.objects()).equals(Json.write(second.objects())), "each seal is fresh");

        List<String> records = rawRecords(first.appId(), 2);
        for (String record : records) {
            assertTrue(record.contains("\"sealed\""), record);
            assertNotShown(record);
        }
    }

    @Test
    void aBundleOverTheInlineLimitTravelsByClaimCheckWithItsSecretsStillSealed() throws Exception {
        Map<String, String> files = new HashMap<>();
        files.put("big/secret.yaml", SECRET_YAML);
        String filler = "x".repeat(4096);
        for (int i = 0; i < 300; i++) {
            files.put("big/cm-" + i + ".yaml", Manifests.configMap("cm-" + i).replace("value", filler));
        }
        RenderedBundle bundle = render("large", "big", Map.of(), TarGz.of(files));

        assertEquals(List.of(), bundle.errors());
        assertEquals(List.of(), bundle.objects());
        ClaimCheck check = bundle.claimCheck();
        assertNotNull(check);
        assertEquals(301, check.objectCount());
        String record = rawRecords(bundle.appId(), 1).get(0);
        assertTrue(record.length() < 4096, "the record is small: " + record.length() + " characters");

        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(check.url())).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertEquals(check.sha256(), "sha256:" + HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(response.body())));
        assertEquals(check.size(), response.body().length);
        String payload = new String(response.body(), StandardCharsets.UTF_8);
        assertNotShown(payload);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> objects = Json.read(payload, List.class);
        RenderedBundle fetched = Manifests.opened(bundle.withObjects(objects));
        assertEquals(Map.of("password", PASSWORD), Manifests.object(fetched, "Secret", "db").get("stringData"));
        assertEquals(301, fetched.objects().size());

        URI unknown = URI.create(check.url().replaceAll("[0-9a-f]{64}$", "0".repeat(64)));
        assertEquals(404, HttpClient.newHttpClient().send(HttpRequest.newBuilder(unknown).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    private static void assertNotShown(String text) {
        assertFalse(text.contains(PASSWORD), "the password is shown");
        assertFalse(text.contains(TOKEN), "the token is shown");
        assertFalse(text.contains(base64(PASSWORD)), "the password's base64 form is shown");
        assertFalse(text.contains(base64(TOKEN)), "the token's base64 form is shown");
    }

    /** The values of the first {@code count} records of {@code appId} on the rendered topic, as bytes on the wire. */
    private static List<String> rawRecords(String appId, int count) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "raw-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(Topics.MANIFESTS_RENDERED));
            Deadline.until(count + " raw records of " + appId, RenderTopics.WAIT, () -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (appId.equals(record.key()) && record.value() != null) {
                        values.add(new String(record.value(), StandardCharsets.UTF_8));
                    }
                }
                return values.size() >= count;
            });
        }
        return values;
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
