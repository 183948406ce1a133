package io.sluice.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.api.ObjectRef;
import io.sluice.api.status.Reasons;
import io.sluice.events.ConfigDocument;
import io.sluice.events.ConfigProblems;
import io.sluice.events.Event;
import io.sluice.events.Topics;
import io.sluice.events.kafka.Publisher;
import io.sluice.testkit.kafka.KafkaBroker;
import io.sluice.testkit.kafka.KafkaTestResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(SourceTestFolders.class)
class ConfigFoldersTest {
    private static final String KUSTOMIZATION = "kustomize.toolkit.fluxcd.io/Kustomization/flux-system/";
    private static final String GIT_REPOSITORY = "source.toolkit.fluxcd.io/GitRepository/flux-system/k8s-manifests";
    private static TopicRecorder<ConfigDocument> config;
    private static TopicRecorder<ConfigProblems> problems;
    private static TopicRecorder<Event> events;

    @ConfigProperty(name = "sluice.source.config-dirs")
    Path folder;

    @BeforeAll
    static void record() {
        config = new TopicRecorder<>(Topics.CONFIG, ConfigDocument.class);
        problems = new TopicRecorder<>(Topics.CONFIG_PROBLEMS, ConfigProblems.class);
        events = new TopicRecorder<>(Topics.EVENTS, Event.class);
    }

    /** The documents of these tests go, so that other test classes may define the same objects. */
    @AfterAll
    static void stop() throws IOException {
        for (String file : List.of("clusters/demo/sources.yaml", "notifications.yml")) {
            Files.deleteIfExists(ConfigYaml.configFolder().resolve(file));
        }
        config.awaitTombstone(KUSTOMIZATION + "web-app");
        config.awaitTombstone(GIT_REPOSITORY);
        config.close();
        problems.close();
        events.close();
    }

    @Test
    void publishesEachDocumentOfEveryYamlFileKeyedByItsId() throws IOException {
        write("clusters/demo/sources.yaml", """
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: GitRepository
                metadata:
                  name: k8s-manifests
                  namespace: flux-system
                spec:
                  interval: 1m
                  url: https://git.example.com/myorg/k8s-manifests
                  ref:
                    branch: main
                  suspend: true
                ---
                apiVersion: v1
                kind: Secret
                metadata:
                  name: github-token
                  namespace: flux-system
                stringData:
                  password: do-not-publish-me
                ---
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata:
                  name: web-app
                  namespace: flux-system
                spec:
                  sourceRef:
                    kind: GitRepository
                    name: k8s-manifests
                  path: ./production/web-app
                  interval: 5m
                  prune: true
                """);
        write("notifications.yml", """
                apiVersion: notification.toolkit.fluxcd.io/v1beta3
                kind: Provider
                metadata:
                  name: slack
                  namespace: flux-system
                spec:
                  type: slack
                ---
                apiVersion: notification.toolkit.fluxcd.io/v1beta3
                kind: Alert
                metadata:
                  name: on-call
                spec:
                  providerRef:
                    name: slack
                  eventSources:
                    - kind: Kustomization
                      name: '*'
                """);

        ConfigDocument kustomization = config.await("the Kustomization", KUSTOMIZATION + "web-app",
                d -> "clusters/demo/sources.yaml".equals(d.origin()));
        assertEquals("./production/web-app", kustomization.spec().get("path"));
        assertEquals(true, kustomization.spec().get("prune"));
        ConfigDocument git = config.await("the GitRepository", GIT_REPOSITORY,
                d -> "clusters/demo/sources.yaml".equals(d.origin()));
        assertEquals("https://git.example.com/myorg/k8s-manifests", git.spec().get("url"));
        config.await("the Provider", "notification.toolkit.fluxcd.io/Provider/flux-system/slack", d -> true);
        ConfigDocument alert = config.await("the Alert, in the default namespace",
                "notification.toolkit.fluxcd.io/Alert/default/on-call", d -> true);
        assertEquals("notifications.yml", alert.origin());

        assertTrue(config.entries("/Secret/flux-system/github-token").isEmpty(), "a Secret never enters Kafka");
        ConfigProblems provider = problems.await("the Provider's warning", "notification.toolkit.fluxcd.io/Provider"
                + "/flux-system/slack", p -> p.origin().equals("notifications.yml"));
        assertEquals(List.of(), provider.errors(), "a Provider of a type Sluice does not send to is valid Flux");
        assertEquals(List.of("notifications.yml:1 (document 1): Provider flux-system/slack: spec.type 'slack' is not"
                + " supported by Sluice yet: events for this Provider are not sent (Sluice sends to type generic only)"),
                provider.warnings());
        events.await("the warning, once, as an event", "notification.toolkit.fluxcd.io/Provider/flux-system/slack",
                e -> e.reason().equals(Reasons.UNSUPPORTED_FIELDS) && e.message().equals(provider.warnings().get(0)));
    }

    @Test
    void reportsBrokenFilesUnknownKindsAndMissingFieldsWhileTheRestStillLoads() throws IOException {
        write("mixed/broken.yaml", """
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata:
                  name: broken
                  spec: [unclosed
                """);
        write("mixed/unknown.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                """);
        write("mixed/missing.yaml", """
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata:
                  name: apps-missing
                  namespace: flux-system
                spec:
                  interval: 10x
                  prune: true
                  sourceRef:
                    kind: GitRepository
                """);
        write("mixed/valid.yaml", kustomization("apps-valid", "./apps"));

        config.await("the valid document beside the broken ones", KUSTOMIZATION + "apps-valid", d -> true);
        Event broken = events.await("an error naming the broken file", "/ConfigFile//mixed/broken.yaml",
                e -> true);
        assertEquals(Event.ERROR, broken.severity());
        assertEquals("source-service", broken.reportingService());
        assertEquals("mixed/broken.yaml: invalid YAML at line 6, column 1: expected ',' or ']', but got <stream end>"
                + " (while parsing a flow sequence)", broken.message());
        assertEquals(List.of(broken.message()), problems.await("the broken file's problems",
                ConfigProblems.fileKey("mixed/broken.yaml"), p -> true).errors());
        Event unknown = events.await("an error naming the unknown kind", "apps/Deployment/default/web", e -> true);
        assertTrue(unknown.message().startsWith("mixed/unknown.yaml:1 (document 1): Deployment default/web: unknown"
                + " kind"), unknown.message());
        String missingId = KUSTOMIZATION + "apps-missing";
        String missing = "mixed/missing.yaml:1 (document 1): Kustomization flux-system/apps-missing: ";
        events.await("an error naming the missing field", missingId, e -> e.message().equals(
                missing + "spec.sourceRef.name is required"));
        events.await("an error naming the malformed interval", missingId, e -> e.message().equals(
                missing + "spec.interval must be a duration such as 30s, 5m or 1h30m, not '10x'"));
        assertEquals(List.of(missing + "spec.sourceRef.name is required",
                missing + "spec.interval must be a duration such as 30s, 5m or 1h30m, not '10x'"),
                problems.await("the document's problems", missingId, p -> true).errors());
        assertTrue(config.entries(missingId).isEmpty(), "an invalid document is not published");
    }

    @Test
    void republishesAChangedDocumentAndKeepsItWhileItsFileIsBroken() throws IOException {
        String key = KUSTOMIZATION + "edited";
        write("edited.yaml", kustomization("edited", "./v1"));
        config.await("the first version", key, d -> "./v1".equals(d.spec().get("path")));

        write("edited.yaml", "apiVersion: [broken\n");
        events.await("the error for the broken edit", "/ConfigFile//edited.yaml", e -> true);
        problems.await("the broken file's problems", ConfigProblems.fileKey("edited.yaml"), p -> p.invalid());
        write("edited.yaml", kustomization("edited", "./v2"));
        config.await("the changed version", key, d -> "./v2".equals(d.spec().get("path")));
        problems.awaitTombstone(ConfigProblems.fileKey("edited.yaml"));

        assertFalse(config.hasTombstone(key), "a file broken for a while does not delete its documents");
        assertEquals(2, config.values(key).size(), "each version is published once: " + config.entries(key));
    }

    @Test
    void deletingAFileTombstonesItsDocuments() throws IOException {
        String key = KUSTOMIZATION + "short-lived";
        write("short-lived.yaml", kustomization("short-lived", "./tmp"));
        config.await("the document", key, d -> true);

        Files.delete(folder.resolve("short-lived.yaml"));
        config.awaitTombstone(key);
    }

    @Test
    void leavesDocumentsOfOtherOriginsAlone() throws IOException {
        String key = KUSTOMIZATION + "from-elsewhere";
        try (Publisher publisher = new Publisher(KafkaBroker.shared().bootstrapServers())) {
            publisher.send(Topics.CONFIG, key, ConfigDocument.of(
                    new ObjectRef("kustomize.toolkit.fluxcd.io/v1", "Kustomization", "flux-system", "from-elsewhere"),
                    "git:bootstrap/clusters/demo.yaml", Map.of("kind", "Kustomization")));
        }
        // A file added afterwards proves at least one full rescan ran since the foreign document arrived.
        String marker = KUSTOMIZATION + "marker";
        write("marker.yaml", kustomization("marker", "./marker"));
        config.await("the marker", marker, d -> true);
        write("marker.yaml", kustomization("marker", "./marker-2"));
        config.await("the marker's second version", marker, d -> "./marker-2".equals(d.spec().get("path")));

        assertFalse(config.hasTombstone(key), "only documents from the config folders are deleted by it");
    }

    private static String kustomization(String name, String path) {
        return ConfigYaml.kustomization(name, path);
    }

    private void write(String relative, String content) throws IOException {
        ConfigYaml.write(folder.resolve(relative), content);
    }
}
