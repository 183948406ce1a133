package io.sluice.source;

import static io.sluice.source.GitRepositoryDocuments.writeSecret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.events.Event;
import io.sluice.events.SourceArtifact;
import io.sluice.events.Topics;
import io.sluice.events.kafka.TopicView;
import io.sluice.testkit.git.AuthGitHttpServer;
import io.sluice.testkit.git.SshGitServer;
import io.sluice.testkit.git.SshKey;
import io.sluice.testkit.git.WorkingCopy;
import io.sluice.testkit.kafka.KafkaBroker;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.logs.LogCapture;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every transport a GitRepository URL may use, each against a real server on 127.0.0.1: smart
 * HTTP with basic auth and with a bearer token, SSH with an encrypted ed25519 key and verified
 * host keys, git daemon. Wrong credentials and unknown hosts give clear events, other sources
 * keep working, and no secret value ever shows in an event, the status API or a log line.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(SourceTestFolders.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GitTransportsTest {
    private static final String USERNAME = "sluice-bot";
    private static final String PASSWORD = "Pa55-basic-7f3c1e9d";
    private static final String WRONG_PASSWORD = "wrong-pass-02aa77c1";
    private static final String TOKEN = "tok-bearer-91ab44e2c7";
    private static final String KEY_PASSWORD = "key-pass-5512aa90";

    private static Path work;
    private static TopicClients topics;
    /** Every event on sluice.events as raw JSON fields, whatever its key. */
    private static final List<Map<?, ?>> allEvents = new CopyOnWriteArrayList<>();
    private static TopicView<Map> allEventsView;
    private static LogCapture logCapture;
    private static AuthGitHttpServer httpServer;
    private static SshGitServer sshServer;
    private static GitDaemon gitDaemon;
    private static String identity;
    private static String identityPub;

    @BeforeAll
    static void start() throws Exception {
        logCapture = LogCapture.start();
        work = Files.createTempDirectory("sluice-transports-test-");
        topics = new TopicClients();
        allEventsView = new TopicView<>(KafkaBroker.shared().bootstrapServers(), Topics.EVENTS, Map.class,
                (key, value) -> allEvents.add(value == null ? Map.of() : value)).start();
        httpServer = AuthGitHttpServer.start(work.resolve("http"), USERNAME, PASSWORD, TOKEN);
        Assumptions.assumeTrue(new File("/usr/bin/ssh-keygen").canExecute(),
                "ssh-keygen is missing: install the Debian package openssh-client");
        SshKey client = SshKey.generate(work.resolve("keys/client"), KEY_PASSWORD);
        identity = client.identity();
        identityPub = client.publicKey();
        sshServer = SshGitServer.start(work.resolve("ssh"), identityPub);
        gitDaemon = GitDaemon.start(work.resolve("daemon"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (logCapture != null) {
            logCapture.close();
        }
        for (AutoCloseable server : new AutoCloseable[] {gitDaemon, sshServer, httpServer}) {
            if (server != null) {
                server.close();
            }
        }
        allEventsView.close();
        topics.close();
    }

    @Test
    void basicAuthOverSmartHttpAndWrongCredentials() throws Exception {
        String sha = push(work.resolve("http"), "private", "app.yaml", "replicas: 2\n");
        writeSecret("http-basic", Map.of("username", USERNAME, "password", PASSWORD));
        writeSecret("http-wrong", Map.of("username", USERNAME, "password", WRONG_PASSWORD));
        String good = source("private-basic", httpServer.url("private"), "http-basic");
        String wrong = source("private-wrong", httpServer.url("private"), "http-wrong");
        String none = source("private-anonymous", httpServer.url("private"), null);

        SourceArtifact artifact = topics.artifacts.await("the artifact over basic auth", good,
                a -> a.revision().equals("main@sha1:" + sha));
        assertEquals("replicas: 2\n", ArtifactArchive.entries(ServiceHttp.get(artifact.url()).body()).get("app.yaml"));
        Event refused = topics.events.await("the 401", wrong, e -> e.reason().equals("GitOperationFailed"));
        assertEquals(Event.ERROR, refused.severity());
        assertEquals(httpServer.url("private") + ": ls-remote failed: not authorized", refused.message());
        topics.events.await("the 401 without credentials", none, e -> e.reason().equals("GitOperationFailed")
                && e.message().contains("Authentication is required"));
    }

    @Test
    void bearerTokenOverSmartHttp() throws Exception {
        String sha = push(work.resolve("http"), "token", "app.yaml", "token: true\n");
        writeSecret("http-token", Map.of("bearerToken", TOKEN));
        String id = source("token", httpServer.url("token"), "http-token");
        topics.artifacts.await("the artifact with a bearer token", id, a -> a.revision().equals("main@sha1:" + sha));
    }

    @Test
    void aMissingSecretOrKeyIsNamed() {
        String missing = source("no-secret", httpServer.url("private"), "does-not-exist");
        Event event = topics.events.await("the missing secret", missing, e -> e.reason().equals("AuthenticationFailed"));
        assertTrue(event.message().contains("secret flux-system/does-not-exist not found"), event.message());

        writeSecret("ssh-no-known-hosts", Map.of("identity", identity, "password", KEY_PASSWORD));
        String noKnownHosts = source("ssh-no-known-hosts", sshServer.url("anything"), "ssh-no-known-hosts");
        Event keyMissing = topics.events.await("the missing known_hosts", noKnownHosts,
                e -> e.reason().equals("AuthenticationFailed"));
        assertTrue(keyMissing.message().contains("secret flux-system/ssh-no-known-hosts has no key 'known_hosts'"),
                keyMissing.message());

        String noSecretRef = source("ssh-anonymous", sshServer.url("anything"), null);
        Event needed = topics.events.await("the missing secretRef", noSecretRef,
                e -> e.reason().equals("AuthenticationFailed"));
        assertTrue(needed.message().contains("needs spec.secretRef"), needed.message());
    }

    @Test
    void sshWithAnEncryptedKeyAndVerifiedHostKey() throws Exception {
        String sha = push(work.resolve("ssh"), "infra", "infra.yaml", "kind: Namespace\n");
        writeSecret("ssh-ok", Map.of("identity", identity, "identity.pub", identityPub,
                "password", KEY_PASSWORD, "known_hosts", "# scanned\n" + sshServer.knownHostsLine() + "\n"));
        String id = source("infra-ssh", sshServer.url("infra"), "ssh-ok");

        SourceArtifact artifact = topics.artifacts.await("the artifact over SSH", id, a -> a.revision().equals("main@sha1:" + sha));
        assertEquals("kind: Namespace\n", ArtifactArchive.entries(ServiceHttp.get(artifact.url()).body()).get("infra.yaml"));
        assertEquals(sshServer.url("infra").replace("git@", ""), artifact.repositoryUrl());
    }

    @Test
    void sshRefusesAnUnknownHostKeyAndAWrongIdentity() throws Exception {
        push(work.resolve("ssh"), "guarded", "a.yaml", "a: 1\n");
        String otherHostKey = PublicKeyEntry.toString(KeyUtils.generateKeyPair("ecdsa-sha2-nistp256", 256).getPublic());
        String serverKey = sshServer.knownHostsLine().split(" ", 2)[1];
        writeSecret("ssh-unknown-host", Map.of("identity", identity, "password", KEY_PASSWORD,
                "known_hosts", "git.example.com " + serverKey + "\n"));
        writeSecret("ssh-changed-host", Map.of("identity", identity, "password", KEY_PASSWORD,
                "known_hosts", sshServer.hostPattern() + " " + otherHostKey));
        writeSecret("ssh-stranger", Map.of("identity", SshKey.generate(work.resolve("keys/stranger"), null).identity(),
                "known_hosts", sshServer.knownHostsLine()));
        writeSecret("ssh-bad-password", Map.of("identity", identity, "password", WRONG_PASSWORD,
                "known_hosts", sshServer.knownHostsLine()));

        String unknown = source("ssh-unknown-host", sshServer.url("guarded"), "ssh-unknown-host");
        String changed = source("ssh-changed-host", sshServer.url("guarded"), "ssh-changed-host");
        String strangerId = source("ssh-stranger", sshServer.url("guarded"), "ssh-stranger");
        String badPassword = source("ssh-bad-password", sshServer.url("guarded"), "ssh-bad-password");

        Event unknownHost = topics.events.await("the unknown host", unknown, e -> e.reason().equals("GitOperationFailed"));
        assertTrue(unknownHost.message().startsWith(sshServer.url("guarded").replace("git@", "")
                + ": ls-remote failed: unknown SSH host " + sshServer.hostPattern() + " (host key ecdsa-sha2-nistp256 SHA256:"),
                unknownHost.message());
        assertTrue(unknownHost.message().endsWith("it is not in key 'known_hosts' of secret"
                + " flux-system/ssh-unknown-host; refused"), unknownHost.message());
        Event changedHost = topics.events.await("the changed host key", changed, e -> e.reason().equals("GitOperationFailed"));
        assertTrue(changedHost.message().contains("does not match key 'known_hosts' of secret"
                + " flux-system/ssh-changed-host; refused"), changedHost.message());
        Event login = topics.events.await("the refused login", strangerId, e -> e.reason().equals("GitOperationFailed"));
        assertTrue(login.message().contains("ls-remote failed"), login.message());
        Event decrypt = topics.events.await("the undecryptable key", badPassword, e -> e.reason().equals("AuthenticationFailed"));
        assertTrue(decrypt.message().contains("key 'identity' of secret flux-system/ssh-bad-password cannot be read"
                + " (wrong 'password', or not a private key)"), decrypt.message());
    }

    @Test
    void gitDaemon() throws Exception {
        String sha = push(work.resolve("daemon"), "public", "p.yaml", "public: true\n");
        String id = source("daemon", gitDaemon.url("public"), null);
        topics.artifacts.await("the artifact over git://", id, a -> a.revision().equals("main@sha1:" + sha));
    }

    @Test
    void otherSourcesKeepWorkingBesideFailingOnes() throws Exception {
        writeSecret("http-wrong-too", Map.of("username", USERNAME, "password", WRONG_PASSWORD));
        String failing = source("keeps-failing", httpServer.url("busy"), "http-wrong-too");
        WorkingCopy repo = WorkingCopy.create(work.resolve("busy-wc"), bare(work.resolve("daemon"), "busy"));
        String first = repo.write("a.yaml", "v: 1\n").commitAndPush("first");
        String healthy = source("healthy", gitDaemon.url("busy"), null);
        topics.artifacts.await("the healthy source's artifact", healthy, a -> a.revision().equals("main@sha1:" + first));
        topics.events.await("the failing source's event", failing, e -> e.reason().equals("GitOperationFailed"));

        String second = repo.write("a.yaml", "v: 2\n").commitAndPush("second");
        topics.artifacts.await("the healthy source's next artifact", healthy, a -> a.revision().equals("main@sha1:" + second));
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void noSecretValueInEventsStatusOrLogs() {
        List<String> secrets = new ArrayList<>(List.of(PASSWORD, WRONG_PASSWORD, TOKEN, KEY_PASSWORD));
        identity.lines().filter(line -> line.length() >= 20 && !line.startsWith("-----")).forEach(secrets::add);
        String status = new String(ServiceHttp.get(ServiceHttp.base() + "/api/sources").body(), StandardCharsets.UTF_8);
        String eventText = allEvents.toString();
        String logText = String.join("\n", logCapture.lines());
        assertTrue(eventText.contains("AuthenticationFailed") && logText.contains("AuthenticationFailed"),
                "the failures above were captured");
        for (String secret : secrets) {
            assertTrue(!eventText.contains(secret), "an event shows a secret value");
            assertTrue(!status.contains(secret), "/api/sources shows a secret value");
            assertTrue(!logText.contains(secret), "a log line shows a secret value");
        }
    }

    private static String source(String name, String url, String secretName) {
        Map<String, Object> spec = secretName == null
                ? Map.of("url", url, "interval", "1s", "ref", Map.of("branch", "main"))
                : Map.of("url", url, "interval", "1s", "ref", Map.of("branch", "main"),
                        "secretRef", Map.of("name", secretName), "timeout", "20s");
        return GitRepositoryDocuments.publish(topics.publisher, name, spec);
    }

    /** Creates bare repository {@code name} under {@code root}, commits one file to main and pushes it; returns the sha. */
    private static String push(Path root, String name, String path, String content) throws Exception {
        try (WorkingCopy repo = WorkingCopy.create(work.resolve("wc-" + name), bare(root, name))) {
            return repo.write(path, content).commitAndPush("add " + path);
        }
    }

    private static String bare(Path root, String name) throws Exception {
        Path dir = root.resolve(name + ".git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(dir.toFile()).call().close();
        return dir.toUri().toString();
    }
}
