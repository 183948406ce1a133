package io.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.sluice.api.status.SyncCode;
import io.sluice.cli.stack.Stack;
import io.sluice.cli.stack.StackOptions;
import io.sluice.events.AppStatus;
import io.sluice.events.Event;
import io.sluice.events.Topics;
import io.sluice.events.kafka.Publisher;
import io.sluice.events.kafka.TopicView;
import io.sluice.testkit.cluster.ClusterProvider;
import io.sluice.testkit.git.GitHttpServer;
import io.sluice.testkit.git.WorkingCopy;
import io.sluice.testkit.process.Deadline;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole path on real parts: a commit on a Git server over HTTP, the five services as separate
 * processes on a real Kafka broker, a real kube-apiserver, and a generic webhook receiver.
 */
class EndToEndTest {
    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    private static final Duration STEP = Duration.ofSeconds(90);
    private static final String APP_ID = "kustomize.toolkit.fluxcd.io/Kustomization/flux-system/e2e";
    private static final String NAMESPACE = "e2e";

    private static Path tmp;
    private static GitHttpServer git;
    private static WorkingCopy repo;
    private static HttpServer receiver;
    private static final List<String> received = new CopyOnWriteArrayList<>();
    private static Stack stack;
    private static TopicView<AppStatus> statuses;
    private static TopicView<Event> events;
    private static ClusterProvider.Cluster cluster;

    @BeforeAll
    static void startEverything() throws Exception {
        tmp = Files.createTempDirectory("sluice-e2e-");
        git = GitHttpServer.start(tmp.resolve("git"));
        repo = WorkingCopy.create(tmp.resolve("work"), git.createRepository("manifests"));
        repo.write("apps/settings.yaml", configMap("settings", "one"))
                .write("apps/web.yaml", deployment("web"))
                .write("apps/credentials.yaml", """
                        apiVersion: v1
                        kind: Secret
                        metadata:
                          name: credentials
                        stringData:
                          password: e2e-password
                        """)
                .commitAndPush("first");

        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();

        Path config = Files.createDirectories(tmp.resolve("config"));
        Files.writeString(config.resolve("source.yaml"), """
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: GitRepository
                metadata:
                  name: manifests
                  namespace: flux-system
                spec:
                  interval: 1s
                  url: %s
                  ref:
                    branch: main
                """.formatted(git.url("manifests")));
        Files.writeString(config.resolve("app.yaml"), """
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata:
                  name: e2e
                  namespace: flux-system
                spec:
                  sourceRef:
                    kind: GitRepository
                    name: manifests
                  path: ./apps
                  interval: 1m
                  prune: true
                  targetNamespace: %s
                """.formatted(NAMESPACE));
        Files.writeString(config.resolve("alerts.yaml"), """
                apiVersion: notification.toolkit.fluxcd.io/v1beta3
                kind: Provider
                metadata:
                  name: webhook
                  namespace: flux-system
                spec:
                  type: generic
                  address: http://127.0.0.1:%d/hook
                ---
                apiVersion: notification.toolkit.fluxcd.io/v1beta3
                kind: Alert
                metadata:
                  name: on-errors
                  namespace: flux-system
                spec:
                  providerRef:
                    name: webhook
                  eventSeverity: error
                  eventSources:
                    - kind: Kustomization
                      name: '*'
                """.formatted(receiver.getAddress().getPort()));
        // A document with a misspelt kind: reported by file and field, while the others still work.
        Files.writeString(config.resolve("broken.yaml"), """
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomisation
                metadata:
                  name: typo
                  namespace: flux-system
                spec: {}
                """);

        String existing = System.getenv("SLUICE_TEST_KUBECONFIG");
        stack = Stack.start(new StackOptions(HOME, tmp.resolve("state"), List.of(config), null, null, null,
                existing == null ? null : Path.of(existing)), new PrintStream(System.out, true));
        cluster = ClusterProvider.Cluster.of(Path.of(stack.description().kubeconfig()));
        String kafka = stack.description().kafkaBootstrapServers();
        statuses = new TopicView<>(kafka, Topics.APPLY_STATUS, AppStatus.class, (k, v) -> { }).start();
        events = new TopicView<>(kafka, Topics.EVENTS, Event.class, (k, v) -> { }).start();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {statuses, events, stack, repo, git}) {
            if (closeable != null) {
                closeable.close();
            }
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void commitsReachTheClusterDeletionsArePrunedAndBadYamlChangesNothing() throws Exception {
        String first = head();
        AppStatus synced = awaitStatus("first commit applied", s -> s.revision().equals("main@sha1:" + first)
                && SyncCode.SYNCED.equals(s.sync()));
        assertTrue(synced.message().contains(first), synced.message());
        assertEquals("one", kubectl("get", "configmap", "settings", "-n", NAMESPACE, "-o",
                "jsonpath={.data.value}").orElseThrow());
        assertTrue(kubectl("get", "deployment", "web", "-n", NAMESPACE, "-o", "jsonpath={.metadata.managedFields[*].manager}")
                .orElseThrow().contains("sluice"));
        // Sealed on Kafka with the stack's own key, opened by apply-service.
        assertEquals("ZTJlLXBhc3N3b3Jk", kubectl("get", "secret", "credentials", "-n", NAMESPACE, "-o",
                "jsonpath={.data.password}").orElseThrow());

        // A commit that deletes a manifest: its object is pruned, the others stay.
        String second = repo.delete("apps/settings.yaml").commitAndPush("remove settings");
        awaitStatus("deletion applied", s -> s.revision().equals("main@sha1:" + second));
        // The sync of a pushed commit says how long each stage took since the commit arrived.
        String shown = cli("app", "get", "e2e");
        assertTrue(shown.lines().anyMatch(line -> line.startsWith("Last sync:") && line.contains("source ")
                && line.contains("render ") && line.contains("apply ") && line.contains("total ")
                && line.contains(second)), shown);
        Deadline.until("ConfigMap settings pruned", STEP,
                () -> kubectl("get", "configmap", "settings", "-n", NAMESPACE, "-o", "name").isEmpty());
        assertTrue(kubectl("get", "deployment", "web", "-n", NAMESPACE, "-o", "name").isPresent());

        // Invalid YAML: an error naming the file reaches the generic provider, the status says so,
        // and nothing in the cluster changes or is pruned.
        String third = repo.write("apps/web.yaml", deployment("web") + "  bad: [unclosed\n")
                .write("apps/extra.yaml", configMap("extra", "x")).commitAndPush("break it");
        Deadline.until("error event at the webhook receiver naming apps/web.yaml", STEP,
                () -> received.stream().anyMatch(body -> body.contains("apps/web.yaml") && body.contains(third)));
        AppStatus failed = awaitStatus("status shows the error", s -> s.message().contains("apps/web.yaml"));
        assertEquals("main@sha1:" + second, failed.revision(), "the last good revision stays applied");
        assertTrue(kubectl("get", "deployment", "web", "-n", NAMESPACE, "-o", "name").isPresent());
        assertTrue(kubectl("get", "configmap", "extra", "-n", NAMESPACE, "-o", "name").isEmpty());

        // Fixing the YAML recovers.
        String fourth = repo.write("apps/web.yaml", deployment("web")).commitAndPush("fix it");
        AppStatus recovered = awaitStatus("fixed commit applied", s -> s.revision().equals("main@sha1:" + fourth)
                && SyncCode.SYNCED.equals(s.sync()) && s.message().startsWith("Applied"));
        assertTrue(recovered.inventory().stream().anyMatch(r -> r.name().equals("extra")));
        assertTrue(kubectl("get", "configmap", "extra", "-n", NAMESPACE, "-o", "name").isPresent());
    }

    @Test
    void aBadConfigurationDocumentIsReportedByFileAndField() {
        Deadline.until("an error event naming broken.yaml and its kind", STEP, () -> events.snapshot().values()
                .stream().anyMatch(e -> Event.ERROR.equals(e.severity()) && e.message().contains("broken.yaml")
                        && e.message().contains("Kustomisation")));
    }

    @Test
    void theCliListsSourcesAndAppsAndReconcilesASourceOnRequest() throws Exception {
        awaitStatus("first reconcile", s -> SyncCode.SYNCED.equals(s.sync()));
        String sources = cli("get", "sources", "-o", "json");
        assertTrue(sources.contains("\"name\" : \"manifests\"") && sources.contains(git.url("manifests")), sources);
        String apps = cli("get", "apps");
        assertTrue(apps.lines().anyMatch(l -> l.startsWith("e2e ") && l.contains("Kustomization")), apps);
        String reconciled = cli("reconcile", "source", "manifests");
        assertTrue(reconciled.contains("► reconcile requested for GitRepository flux-system/manifests")
                && reconciled.contains("✔ revision main@sha1:"), reconciled);
    }

    @Test
    void appVerbsShowTheDiffOfASuspendedAppAndResumeHealsIt() throws Exception {
        awaitStatus("first reconcile", s -> SyncCode.SYNCED.equals(s.sync()));
        assertTrue(cli("app", "get", "e2e").contains("Sync Status:   Synced"));
        assertTrue(cli("app", "resources", "e2e", "-o", "json").contains("\"name\" : \"web\""));
        assertEquals(0, sluice("app", "diff", "e2e").exit(), "in sync: diff exits 0");

        cli("app", "suspend", "e2e");
        kubectl("scale", "deployment", "web", "-n", NAMESPACE, "--replicas=4");
        CliRun diff = sluice("app", "diff", "e2e");
        assertEquals(1, diff.exit(), diff.output());
        assertTrue(diff.output().contains("/spec/replicas"), diff.output());
        assertEquals("4", kubectl("get", "deployment", "web", "-n", NAMESPACE, "-o", "jsonpath={.spec.replicas}")
                .orElseThrow(), "a suspended app is not self-healed");

        cli("app", "resume", "e2e");
        Deadline.until("replicas set back to Git's 1 after resume", STEP, () -> "1".equals(kubectl("get",
                "deployment", "web", "-n", NAMESPACE, "-o", "jsonpath={.spec.replicas}").orElse("")));
    }

    @Test
    void aCommandThatCannotBeReadIsListedAsADeadLetterAndTheNextCommandStillRuns() throws Exception {
        awaitStatus("first reconcile", s -> SyncCode.SYNCED.equals(s.sync()));
        try (Publisher publisher = new Publisher(stack.description().kafkaBootstrapServers())) {
            publisher.sendRaw(Topics.APPLY_COMMANDS, APP_ID, "{\"schemaVersion\": 1, \"action\": [cut off");
        }
        Deadline.until("sluice get deadletters lists the command with its reason", STEP, () -> {
            String letters = cli("get", "deadletters");
            return letters.lines().anyMatch(line -> line.startsWith(Topics.APPLY_COMMANDS) && line.contains(APP_ID)
                    && line.contains("not a valid ApplyCommand"));
        });
        String synced = cli("app", "sync", "e2e");
        assertTrue(synced.contains("e2e"), synced);
    }

    /** Runs the sluice command against this test's stack and returns what it printed; fails on a non-zero exit. */
    private static String cli(String... args) {
        return CliRun.succeeded(tmp.resolve("state"), args);
    }

    private static CliRun sluice(String... args) {
        return CliRun.of(tmp.resolve("state"), args);
    }

    private static AppStatus awaitStatus(String what, java.util.function.Predicate<AppStatus> condition) {
        return Deadline.await(what, STEP, () -> {
            AppStatus status = statuses.get(APP_ID);
            return status != null && condition.test(status) ? status : null;
        }, () -> String.valueOf(statuses.get(APP_ID)));
    }

    private static String head() throws IOException {
        try (var git = org.eclipse.jgit.api.Git.open(repo.dir().toFile())) {
            return git.getRepository().resolve("HEAD").getName();
        }
    }

    /** Runs kubectl against the stack's cluster; empty when the object does not exist. */
    private static Optional<String> kubectl(String... args) {
        ClusterProvider.Kubectl result = cluster.run(null, args);
        if (result.exitCode() != 0) {
            if (result.stderr().contains("NotFound") || result.stderr().contains("not found")) {
                return Optional.empty();
            }
            throw new IllegalStateException("kubectl " + String.join(" ", args) + " failed: " + result.stderr());
        }
        return Optional.of(result.stdout().trim());
    }

    private static String configMap(String name, String value) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                data:
                  value: %s
                """.formatted(name, value);
    }

    private static String deployment(String name) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                spec:
                  replicas: 1
                  selector:
                    matchLabels:
                      app: %1$s
                  template:
                    metadata:
                      labels:
                        app: %1$s
                    spec:
                      containers:
                        - name: web
                          image: nginx:1.27
                """.formatted(name);
    }
}
