package io.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.sluice.api.Kinds;
import io.sluice.api.ObjectRef;
import io.sluice.api.Resource;
import io.sluice.api.read.ReadResult;
import io.sluice.api.read.YamlDocuments;
import io.sluice.api.status.HealthCode;
import io.sluice.api.status.SyncCode;
import io.sluice.cli.stack.StackDescription;
import io.sluice.events.AppStatus;
import io.sluice.events.ConfigDocument;
import io.sluice.events.ConfigProblems;
import io.sluice.events.Json;
import io.sluice.events.Topics;
import io.sluice.events.kafka.Publisher;
import io.sluice.events.kafka.TopicAdmin;
import io.sluice.testkit.kafka.KafkaBroker;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code sluice get apps}, {@code sluice app get} and {@code sluice get sources} say of
 * configuration documents with errors, against a real broker. The test publishes what source-service
 * publishes when it reads a configuration folder (each valid document on sluice.config, each
 * document's problems on sluice.config.problems, tombstoned when it reads cleanly), what
 * apply-service publishes (statuses), and answers GET /api/sources as source-service would, from a
 * real HTTP server: what is checked is what the CLI prints.
 */
class InvalidConfigurationListingTest {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String NEVER_VALID = "never-valid-" + RUN;
    private static final String LAST_VALID = "last-valid-" + RUN;
    private static final String WARNED = "warned-" + RUN;
    private static final String FIXED = "fixed-" + RUN;
    private static final String SERVED = "served-" + RUN;
    private static final String BROKEN = "broken-" + RUN;
    /** A column's heading in a table's first line: words in capitals, after three spaces or more. */
    private static final Pattern COLUMN = Pattern.compile("(?:^|   )([A-Z]+(?: [A-Z]+)*)");

    @TempDir
    static Path state;
    private static Publisher publisher;
    private static HttpServer sourceService;
    private static List<String> neverValidErrors;
    private static List<String> lastValidErrors;
    private static List<String> servedErrors;
    private static List<String> brokenErrors;

    @BeforeAll
    static void publishConfigurationWithErrors() throws Exception {
        String kafka = KafkaBroker.shared().bootstrapServers();
        TopicAdmin.ensureTopics(kafka);
        publisher = new Publisher(kafka);

        neverValidErrors = read("apps/" + NEVER_VALID + ".yaml", """
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata: {name: %s, namespace: flux-system}
                spec: {interval: soon, path: ./apps, prune: true}
                """.formatted(NEVER_VALID)).errorMessages();

        String release = """
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata: {name: %s, namespace: apps}
                spec:
                  interval: %s
                  chart:
                    spec:
                      chart: podinfo
                      sourceRef: {kind: HelmRepository, name: podinfo}
                """;
        ObjectRef lastValid = read("apps/" + LAST_VALID + ".yaml", release.formatted(LAST_VALID, "5m")).ref();
        publisher.send(Topics.APPLY_STATUS, lastValid.id(), AppStatus.of(lastValid).withSync(SyncCode.SYNCED)
                .withHealth(HealthCode.HEALTHY).withBundle("6.5.0", "sha256:65").withMessage("Helm install succeeded"));
        lastValidErrors = read("apps/" + LAST_VALID + ".yaml", release.formatted(LAST_VALID, "0s")).errorMessages();

        ObjectRef warned = read("apps/" + WARNED + ".yaml", """
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata: {name: %s, namespace: flux-system}
                spec: {interval: 1m, path: ./, prune: true, sourceRef: {kind: GitRepository, name: apps}, intervall: 2m}
                """.formatted(WARNED)).ref();
        publisher.send(Topics.APPLY_STATUS, warned.id(), AppStatus.of(warned).withSync(SyncCode.SYNCED)
                .withHealth(HealthCode.HEALTHY).withBundle("main@sha1:abc", "sha256:ab")
                .withMessage("Applied revision: main@sha1:abc"));

        String fixed = """
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata: {name: %s, namespace: flux-system}
                spec: {interval: %s, path: ./, prune: true, sourceRef: {kind: GitRepository, name: apps}}
                """;
        read("apps/" + FIXED + ".yaml", fixed.formatted(FIXED, "never"));
        read("apps/" + FIXED + ".yaml", fixed.formatted(FIXED, "1m"));

        read("notifications/hooks-" + RUN + ".yaml", """
                apiVersion: notification.toolkit.fluxcd.io/v1beta3
                kind: Provider
                metadata: {name: hooks-%s, namespace: flux-system}
                spec: {type: generic}
                """.formatted(RUN));
        publisher.send(Topics.CONFIG_PROBLEMS, ConfigProblems.fileKey("apps/unreadable-" + RUN + ".yaml"),
                new ConfigProblems(ConfigProblems.VERSION, null, "apps/unreadable-" + RUN + ".yaml", List.of(
                        "apps/unreadable-" + RUN + ".yaml: invalid YAML at line 2, column 1: mapping values are not"
                                + " allowed here"), List.of(), Instant.now()));

        String source = """
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: GitRepository
                metadata: {name: %s, namespace: flux-system}
                spec: {interval: 1m, url: '%s'}
                """;
        read("sources/" + SERVED + ".yaml", source.formatted(SERVED, "https://git.example.com/served.git"));
        servedErrors = read("sources/" + SERVED + ".yaml", source.formatted(SERVED, "served.git")).errorMessages();
        brokenErrors = read("sources/" + BROKEN + ".yaml", source.formatted(BROKEN, "")).errorMessages();

        sourceService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sourceService.createContext("/api/sources", exchange -> {
            Map<String, Object> served = new LinkedHashMap<>();
            served.put("kind", "GitRepository");
            served.put("namespace", "flux-system");
            served.put("name", SERVED);
            served.put("url", "https://git.example.com/served.git");
            served.put("revision", "main@sha1:5e");
            served.put("lastPoll", "2026-11-27T08:00:00Z");
            served.put("ready", true);
            served.put("suspended", false);
            served.put("message", "stored artifact for revision main@sha1:5e");
            byte[] body = Json.write(List.of(served)).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        sourceService.start();
        new StackDescription(ProcessHandle.current().pid(), kafka, Map.of("source-service", "http://127.0.0.1:"
                + sourceService.getAddress().getPort()), null, null, Map.of()).write(state);
    }

    @AfterAll
    static void close() {
        sourceService.stop(0);
        publisher.close();
    }

    /**
     * Reads a configuration document as source-service does, and publishes what it publishes: the
     * document when it is valid, its problems (a tombstone when it has none).
     */
    private static ReadResult<? extends Resource> read(String file, String yaml) {
        YamlDocuments.Document document = YamlDocuments.parse(file, yaml.getBytes(StandardCharsets.UTF_8))
                .documents().get(0);
        ReadResult<? extends Resource> read = Kinds.readConfiguration(document.content(), document.origin());
        String key = read.ref().id();
        if (read.valid()) {
            publisher.send(Topics.CONFIG, key, ConfigDocument.of(read.ref(), file, document.content()));
        }
        if (read.problems().isEmpty()) {
            publisher.tombstone(Topics.CONFIG_PROBLEMS, key);
        } else {
            publisher.send(Topics.CONFIG_PROBLEMS, key, new ConfigProblems(ConfigProblems.VERSION, read.ref(), file,
                    read.errorMessages(), read.warningMessages(), Instant.now()));
        }
        return read;
    }

    @Test
    void getAppsSaysWhyAnApplicationDoesNotProgress() {
        CliRun run = CliRun.of(state, "get", "apps");
        assertEquals(0, run.exit(), run.output());
        assertEquals(2, neverValidErrors.size(), neverValidErrors::toString);

        assertEquals(List.of(NEVER_VALID, "flux-system", "Kustomization", "Unknown", "Unknown", "",
                "invalid configuration: " + neverValidErrors.get(0) + " (+1 more)"), row(run.output(), NEVER_VALID));
        assertTrue(neverValidErrors.get(0).startsWith("apps/" + NEVER_VALID + ".yaml:1 (document 1): Kustomization"
                + " flux-system/" + NEVER_VALID + ": spec."), neverValidErrors.get(0));
        assertEquals(List.of(LAST_VALID, "apps", "HelmRelease", "Synced", "Healthy", "6.5.0",
                "configuration invalid, the last valid version stays applied: " + lastValidErrors.get(0)),
                row(run.output(), LAST_VALID));
        assertEquals(List.of("apps/" + LAST_VALID + ".yaml:1 (document 1): HelmRelease apps/" + LAST_VALID
                + ": spec.interval must be longer than 0, not '0s'"), lastValidErrors);
        assertEquals(List.of(WARNED, "flux-system", "Kustomization", "Synced", "Healthy", "main@sha1:abc",
                "Applied revision: main@sha1:abc"), row(run.output(), WARNED), "warnings do not stop an application");
        assertEquals(List.of(FIXED, "flux-system", "Kustomization", "Unknown", "Unknown", "",
                "waiting for the first reconcile"), row(run.output(), FIXED), "its errors are gone");
        assertFalse(run.output().contains("hooks-" + RUN), "a Provider is no application");
        assertFalse(run.output().contains("unreadable-" + RUN), run.output());
    }

    @Test
    void appGetShowsEveryConfigurationError() {
        CliRun neverValid = CliRun.of(state, "app", "get", NEVER_VALID);
        assertEquals(0, neverValid.exit(), neverValid.output());
        assertTrue(neverValid.output().contains("Sync Status:   Unknown\nHealth Status: Unknown\n"),
                neverValid.output());
        assertTrue(neverValid.output().contains("Message:       invalid configuration: " + neverValidErrors.get(0)
                + " (+1 more)\n"), neverValid.output());
        assertTrue(neverValid.output().contains("Configuration errors (the application is not applied):\n  "
                + neverValidErrors.get(0) + "\n  " + neverValidErrors.get(1) + "\n"), neverValid.output());

        CliRun lastValid = CliRun.of(state, "app", "get", LAST_VALID, "-n", "apps", "--kind", "HelmRelease");
        assertEquals(0, lastValid.exit(), lastValid.output());
        assertTrue(lastValid.output().contains("Sync Status:   Synced\nHealth Status: Healthy\nRevision:      6.5.0\n"),
                lastValid.output());
        assertTrue(lastValid.output().contains("Configuration errors (the last valid version stays applied):\n  "
                + lastValidErrors.get(0) + "\n"), lastValid.output());

        CliRun warned = CliRun.of(state, "app", "get", WARNED);
        assertFalse(warned.output().contains("Configuration errors"), warned.output());

        CliRun unknown = CliRun.of(state, "app", "get", "nothing-" + RUN);
        assertEquals(1, unknown.exit(), unknown.output());
    }

    @Test
    void getSourcesListsASourceWhoseDocumentHasErrors() {
        CliRun run = CliRun.of(state, "get", "sources");
        assertEquals(0, run.exit(), run.output());

        assertEquals(List.of("GitRepository", "flux-system", SERVED, "https://git.example.com/served.git",
                "main@sha1:5e", "2026-11-27T08:00:00Z", "true",
                "configuration invalid, the last valid version stays in use: " + servedErrors.get(0)),
                row(run.output(), SERVED));
        assertEquals(List.of("GitRepository", "flux-system", BROKEN, "", "", "", "false",
                "invalid configuration: " + brokenErrors.get(0)), row(run.output(), BROKEN));
        assertEquals(List.of("sources/" + BROKEN + ".yaml:1 (document 1): GitRepository flux-system/" + BROKEN
                + ": spec.url is required"), brokenErrors);
    }

    /** The cells of the table row that names {@code name}, cut at the columns of the header. */
    private static List<String> row(String table, String name) {
        List<String> lines = table.lines().toList();
        String header = lines.get(0);
        List<Integer> starts = new ArrayList<>();
        Matcher column = COLUMN.matcher(header);
        while (column.find()) {
            starts.add(column.start(1));
        }
        String line = lines.stream().filter(l -> List.of(l.split(" +")).contains(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no row of " + name + " in\n" + table));
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1) : line.length();
            cells.add(starts.get(i) >= line.length() ? ""
                    : line.substring(starts.get(i), Math.min(end, line.length())).trim());
        }
        return cells;
    }
}
