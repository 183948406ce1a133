package io.sluice.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.api.read.YamlDocuments;
import io.sluice.api.status.Reasons;
import io.sluice.events.ConfigDocument;
import io.sluice.events.ConfigProblems;
import io.sluice.events.Event;
import io.sluice.events.Topics;
import io.sluice.testkit.kafka.KafkaTestResource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's acceptance: the guide's YAML files (api's test resources, seed/), verbatim, in a config
 * folder as users would put them there: every configuration document is read and published as
 * written; the Secret is skipped; the Rollout and its AnalysisTemplate, manifests an application
 * applies, are refused as configuration, saying so.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(SourceTestFolders.class)
class GuideExamplesTest {
    private static final String ARGO = "argoproj.io/";
    private static final String SOURCE = "source.toolkit.fluxcd.io/";
    private static final String IMAGE = "image.toolkit.fluxcd.io/";
    /** Every configuration document of the guide, by id, with its file. */
    private static final Map<String, String> PUBLISHED = Map.ofEntries(
            Map.entry(ARGO + "Application/argocd/web-app", "application-web-app.yaml"),
            Map.entry(ARGO + "Application/argocd/web-app-tokyo", "application-multi-cluster.yaml"),
            Map.entry(ARGO + "Application/argocd/web-app-ireland", "application-multi-cluster.yaml"),
            Map.entry(ARGO + "ApplicationSet/argocd/web-app-multi-region", "applicationset-multi-region.yaml"),
            Map.entry(SOURCE + "GitRepository/flux-system/k8s-manifests", "gitrepository.yaml"),
            Map.entry(SOURCE + "HelmRepository/flux-system/ingress-nginx", "helmrelease-nginx-ingress.yaml"),
            Map.entry("helm.toolkit.fluxcd.io/HelmRelease/flux-system/nginx-ingress", "helmrelease-nginx-ingress.yaml"),
            Map.entry(IMAGE + "ImageRepository/flux-system/web-app", "image-automation.yaml"),
            Map.entry(IMAGE + "ImagePolicy/flux-system/web-app", "image-automation.yaml"),
            Map.entry(IMAGE + "ImageUpdateAutomation/flux-system/web-app-automation", "image-automation.yaml"),
            Map.entry("kustomize.toolkit.fluxcd.io/Kustomization/flux-system/web-app", "kustomization-web-app.yaml"));
    /** The manifests among them, which are not configuration. */
    private static final Map<String, String> REFUSED = Map.of(
            ARGO + "Rollout/production/web-app", "rollout-canary.yaml",
            ARGO + "AnalysisTemplate/production/success-rate", "rollout-canary.yaml");
    private static final String SECRET = "/Secret/flux-system/github-token";

    private static Map<String, String> guide;
    private static TopicRecorder<ConfigDocument> config;
    private static TopicRecorder<ConfigProblems> problems;
    private static TopicRecorder<Event> events;

    @BeforeAll
    static void start() {
        config = new TopicRecorder<>(Topics.CONFIG, ConfigDocument.class);
        problems = new TopicRecorder<>(Topics.CONFIG_PROBLEMS, ConfigProblems.class);
        events = new TopicRecorder<>(Topics.EVENTS, Event.class);
        guide = ApiExamples.yamlFiles("seed");
        guide.forEach((name, content) -> ConfigYaml.writeInConfigFolder("guide/" + name, content));
    }

    /** The guide's documents go, so that other test classes may define the same objects. */
    @AfterAll
    static void stop() throws IOException {
        for (String name : guide.keySet()) {
            Files.deleteIfExists(ConfigYaml.configFolder().resolve("guide/" + name));
        }
        PUBLISHED.keySet().forEach(config::awaitTombstone);
        config.close();
        problems.close();
        events.close();
    }

    @Test
    void everyConfigurationDocumentIsPublishedAsWrittenAndTheSecretIsSkipped() {
        int documents = 0;
        for (Map.Entry<String, String> file : guide.entrySet()) {
            documents += YamlDocuments.parse(file.getKey(), file.getValue().getBytes(StandardCharsets.UTF_8))
                    .documents().size();
        }
        assertEquals(PUBLISHED.size() + REFUSED.size() + 1, documents, "every document of the guide is accounted for");
        for (Map.Entry<String, String> expected : PUBLISHED.entrySet()) {
            String origin = "guide/" + expected.getValue();
            ConfigDocument published = config.await(expected.getKey(), expected.getKey(),
                    d -> d.origin().equals(origin));
            assertEquals(published.document(), written(expected.getValue(), expected.getKey()), "as written");
            assertTrue(problems.values(expected.getKey()).stream().noneMatch(ConfigProblems::invalid),
                    expected.getKey() + " reads without error");
        }
        assertTrue(config.entries().stream().noneMatch(entry -> entry.key().endsWith(SECRET)),
                "a Secret never enters Kafka");
    }

    @Test
    void theRolloutManifestsAreRefusedAsConfigurationSayingWhy() {
        for (Map.Entry<String, String> refused : REFUSED.entrySet()) {
            Event invalid = events.await(refused.getKey(), refused.getKey(),
                    e -> e.reason().equals(Reasons.CONFIG_INVALID));
            assertTrue(invalid.message().startsWith("guide/" + refused.getValue() + ":"), invalid.message());
            assertTrue(invalid.message().contains(": is not configuration: "), invalid.message());
            assertTrue(config.entries(refused.getKey()).isEmpty(), refused.getKey() + " is not published");
        }
    }

    /** The document {@code id} of the guide's file {@code name}, as parsed. */
    private static Map<String, Object> written(String name, String id) {
        return YamlDocuments.parse(name, guide.get(name).getBytes(StandardCharsets.UTF_8)).documents().stream()
                .map(YamlDocuments.Document::content)
                .filter(content -> id.endsWith("/" + ((Map<?, ?>) content.get("metadata")).get("name"))
                        && id.contains("/" + content.get("kind") + "/"))
                .findFirst().orElseThrow();
    }
}
