package io.sluice.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.api.ObjectRef;
import io.sluice.api.status.Reasons;
import io.sluice.events.Event;
import io.sluice.events.Json;
import io.sluice.events.Topics;
import io.sluice.events.kafka.Publisher;
import io.sluice.events.kafka.TopicView;
import io.sluice.image.scan.ScanResult;
import io.sluice.testkit.kafka.KafkaBroker;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.process.Deadline;
import io.sluice.testkit.registry.CertificateAuthority;
import io.sluice.testkit.registry.OciRegistry;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ImageRepositories of real registries that ask for a login: with a password (htpasswd, Basic) and
 * with a token service (as Docker Hub, GHCR and Quay), the login coming from the docker config Secret
 * spec.secretRef names; and one on TLS with a CA and a client certificate from spec.certSecretRef. A
 * wrong password, a registry that is down and their repair are seen as a user sees them: on the events.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class RegistryLoginTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String USER = "alice";
    private static final String PASSWORD = "right-horse-battery";
    private static final String WRONG = "wrong-staple";
    private static final List<Event> EVENTS = new CopyOnWriteArrayList<>();

    private static Publisher publisher;
    private static TopicView<Event> eventView;

    @Inject
    ImageService service;

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

    @BeforeEach
    void registryInstalled() {
        assumeTrue(Files.isExecutable(OciRegistry.BINARY), OciRegistry.BINARY
                + " is missing: install the Debian package docker-registry to run this test");
    }

    @Test
    void aPasswordRegistryIsScannedWithTheLoginOfSpecSecretRef(@TempDir Path dir) throws Exception {
        try (OciRegistry registry = OciRegistry.withPassword(dir, USER, PASSWORD)) {
            wrongPasswordThenDownThenRepaired(registry, "basic");
        }
    }

    @Test
    void aTokenRegistryIsScannedWithATokenAskedWithTheLoginOfSpecSecretRef(@TempDir Path dir) throws Exception {
        try (OciRegistry registry = OciRegistry.withTokens(dir, USER, PASSWORD)) {
            wrongPasswordThenDownThenRepaired(registry, "token");
            assertTrue(registry.tokens().refused() > 0, "the token service refused the wrong password");
        }
    }

    /**
     * The scan of a repository of {@code registry} whose Secret has a wrong password fails naming the
     * repository and the user, not the password; with the right one, it finds the tags; a registry that
     * is down fails it; once up again the tags are found again.
     */
    private void wrongPasswordThenDownThenRepaired(OciRegistry registry, String name) throws Exception {
        String image = registry.address() + "/apps/" + name;
        registry.push("apps/" + name, "1.0.0");
        registry.push("apps/" + name, "1.1.0");
        writeDockerConfig(name + "-login", Map.of(registry.address(), login(USER, WRONG)));
        List<String> changed = new CopyOnWriteArrayList<>();
        service.scanner().onTagsChanged(changed::add);
        ObjectRef repository = ConfigDocuments.publish(publisher, name, Map.of("image", image,
                "interval", "1s", "insecure", true, "secretRef", Map.of("name", name + "-login")));

        Event refused = awaitEvents(repository, Reasons.SCAN_FAILED, "scan of " + image + " failed: authentication"
                + " failed for " + image + " as user 'alice' of secret flux-system/" + name + "-login (password"
                + " hidden): ", 1);
        assertFalse(refused.message().contains(WRONG), refused.message());
        assertEquals(Event.ERROR, refused.severity());

        writeDockerConfig(name + "-login", Map.of(registry.address(), login(USER, PASSWORD)));
        awaitEvents(repository, Reasons.SCAN_SUCCEEDED, "successful scan: found 2 tags", 1);
        ScanResult result = service.scanner().tags(repository.id()).orElseThrow();
        assertEquals(List.of("1.0.0", "1.1.0"), result.tags().stream().sorted().toList());
        assertEquals(List.of("1.1.0", "1.0.0"), result.latestTags());
        assertEquals(List.of(repository.id()), changed.stream().filter(repository.id()::equals).toList(),
                "one tags-changed call for the first scan that found tags");
        assertEquals(registry.digest("apps/" + name, "1.1.0"), service.scanner().digest(repository.id(), "1.1.0"));

        registry.stop();
        Event down = awaitEvents(repository, Reasons.SCAN_FAILED, "scan of " + image + " failed: GET http://"
                + registry.address() + "/v2/apps/" + name + "/tags/list: java.net.ConnectException", 1);
        assertEquals(Event.ERROR, down.severity());

        registry.restart();
        registry.push("apps/" + name, "1.2.0");
        awaitEvents(repository, Reasons.SCAN_SUCCEEDED, "successful scan: found 3 tags", 1);
        Deadline.until("a tags-changed call for the new tag", WAIT,
                () -> changed.stream().filter(repository.id()::equals).count() == 2);
    }

    @Test
    void aTlsRegistryIsReachedWithTheCaAndClientCertificateOfSpecCertSecretRef(@TempDir Path dir) throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("sluice-test-ca");
        CertificateAuthority.Issued client = ca.client("image-service");
        try (OciRegistry registry = OciRegistry.withTls(dir, ca, client)) {
            registry.push("apps/tls", "1.0.0");
            String image = registry.address() + "/apps/tls";
            ObjectRef untrusted = ConfigDocuments.publish(publisher, "tls-untrusted", Map.of("image", image,
                    "interval", "1m"));
            Event failed = awaitEvents(untrusted, Reasons.SCAN_FAILED, "scan of " + image + " failed: GET https://"
                    + registry.address() + "/v2/apps/tls/tags/list: javax.net.ssl.SSLHandshakeException", 1);
            assertTrue(failed.message().contains("PKIX"), failed.message());

            writeSecret("registry-tls", Map.of("ca.crt", ca.root().certificatePem(),
                    "tls.crt", client.certificatePem(), "tls.key", client.keyPem()));
            ObjectRef trusted = ConfigDocuments.publish(publisher, "tls-trusted", Map.of("image", image,
                    "interval", "1m", "certSecretRef", Map.of("name", "registry-tls")));
            awaitEvents(trusted, Reasons.SCAN_SUCCEEDED, "successful scan: found 1 tags", 1);
        }
    }

    /** The {@code count}th event about {@code about} with {@code reason} whose message starts with {@code message}. */
    private static Event awaitEvents(ObjectRef about, String reason, String message, int count) {
        return Deadline.await(reason + " '" + message + "' about " + about.display(), WAIT, () -> {
            List<Event> found = EVENTS.stream().filter(e -> e.involvedObject().equals(about)
                    && e.reason().equals(reason) && e.message().startsWith(message)).toList();
            return found.size() >= count ? found.get(count - 1) : null;
        }, () -> EVENTS.stream().filter(e -> e.involvedObject().equals(about)).map(Event::message).toList()
                .toString());
    }

    private static Map<String, String> login(String user, String password) {
        return Map.of("auth", Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8)));
    }

    /** A kubernetes.io/dockerconfigjson Secret in flux-system, as `kubectl create secret docker-registry` makes it. */
    private static void writeDockerConfig(String name, Map<String, Map<String, String>> auths) throws Exception {
        writeSecret(name, Map.of(".dockerconfigjson", Json.MAPPER.writeValueAsString(
                Map.of("auths", auths))));
    }

    /** Writes each key of the Secret whole (a scan never reads half a file). */
    private static void writeSecret(String name, Map<String, String> data) throws Exception {
        Path secret = Files.createDirectories(Path.of(ConfigProvider.getConfig()
                .getValue("sluice.secrets-dir", String.class)).resolve("flux-system").resolve(name));
        for (Map.Entry<String, String> key : data.entrySet()) {
            Path written = Files.writeString(secret.resolve(key.getKey() + ".new"), key.getValue());
            Files.move(written, secret.resolve(key.getKey()), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
