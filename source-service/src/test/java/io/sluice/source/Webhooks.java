package io.sluice.source;

import io.sluice.api.ObjectRef;
import io.sluice.events.ConfigDocument;
import io.sluice.events.Json;
import io.sluice.events.Topics;
import io.sluice.events.kafka.Publisher;
import io.sluice.testkit.process.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.ConfigProvider;

/** What a Git host does to the service under test: keep a secret, sign a payload, post it. */
final class Webhooks {
    /** Writes {@code <secrets-dir>/<namespace>/<name>/<key>}, as a mounted Kubernetes Secret. */
    static void secret(String namespace, String name, String key, String value) {
        Path dir = Path.of(ConfigProvider.getConfig().getValue("sluice.secrets-dir", String.class), namespace, name);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(key), value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A payload from src/test/resources/webhooks with its ${...} placeholders filled in: the
     * repository's URLs in every form the hosts send (derived from its clone URL), and {@code values}.
     */
    static String payload(String file, String cloneUrl, Map<String, String> values) {
        String html = cloneUrl.replaceAll("\\.git$", "");
        URI uri = URI.create(cloneUrl);
        Map<String, String> all = new LinkedHashMap<>(values);
        all.put("NAME", html.substring(html.lastIndexOf('/') + 1));
        all.put("HTML_URL", html);
        all.put("CLONE_URL", cloneUrl);
        all.put("SSH_URL", "git@" + uri.getHost() + ":" + uri.getPath().substring(1));
        all.put("GIT_URL", "git://" + uri.getHost() + uri.getPath());
        String text;
        try (InputStream in = Webhooks.class.getResourceAsStream("/webhooks/" + file)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Map.Entry<String, String> value : all.entrySet()) {
            text = text.replace("${" + value.getKey() + "}", value.getValue());
        }
        return text;
    }

    /** "sha256=<hex>": the HMAC a host sends of {@code body}, keyed with {@code key}. */
    static String signature(String hash, String key, String body) {
        String algorithm = "Hmac" + hash.toUpperCase();
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return hash + "=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** Flux's webhook path, computed here on its own: /hook/ + sha256(token + name + namespace). */
    static String fluxPath(String token, String name, String namespace) {
        try {
            return "/hook/" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((token + name + namespace).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static HttpResponse<String> post(String path, String body, String... headers) {
        return post(path, HttpRequest.BodyPublishers.ofString(body), headers);
    }

    static HttpResponse<String> post(String path, HttpRequest.BodyPublisher body, String... headers) {
        return ServiceHttp.post(ServiceHttp.base() + path, body, headers);
    }

    /** sluice_source_webhooks_total for one receiver tag and outcome. */
    static double count(String outcome, String receiver) {
        return ServiceHttp.metricTagged("sluice_source_webhooks_total",
                "outcome=\"" + outcome + "\",receiver=\"" + receiver + "\"");
    }

    /** The JSON answer of a webhook endpoint: outcome, message, sources. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> reply(HttpResponse<String> response) {
        return Json.read(response.body(), Map.class);
    }

    /** Publishes a configuration document as the config folders would; returns its id. */
    static String publish(Publisher publisher, ObjectRef ref, Map<String, Object> metadata, Map<String, Object> spec) {
        Map<String, Object> document = Map.of("apiVersion", ref.apiVersion(), "kind", ref.kind(),
                "metadata", metadata, "spec", spec);
        publisher.send(Topics.CONFIG, ref.id(), ConfigDocument.of(ref, "test:" + ref.name(), document));
        return ref.id();
    }

    /**
     * Waits until the service lists a published source, so that its webhook view (another reader of
     * the same topic) has very likely read it too before a test posts a push for it.
     */
    static void awaitListed(String namespace, String name) {
        Deadline.until(namespace + "/" + name + " listed by /api/sources", TopicRecorder.TIMEOUT,
                () -> ServiceHttp.source(namespace, name).isPresent());
    }

    private Webhooks() {
    }
}
