package io.sluice.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.events.Event;
import io.sluice.events.RenderedBundle;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.logs.LogCapture;
import io.sluice.testkit.process.Deadline;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * postBuild.substitute and substituteFrom as Flux applies them, with ConfigMaps and Secrets read
 * from the folders of sluice.configmaps-dir and sluice.secrets-dir (set for tests in
 * application.properties); and Secret values never shown in events, errors or logs.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class PostBuildSubstitutionTest extends RenderTestBase {
    private static final Path CONFIG_MAPS = MountedData.CONFIG_MAPS;
    private static final Path SECRETS = MountedData.SECRETS;
    private static final String SECRET_VALUE = "s3cr3t-pa55w0rd";
    private static LogCapture logs;

    @BeforeAll
    static void captureLogs() {
        logs = LogCapture.start();
    }

    @AfterAll
    static void stopCapturing() {
        logs.close();
    }


    private static void assertNotShown(String secretPart, String kustomization) {
        List<Event> events = topics.events(RenderTopics.kustomizationRef(kustomization));
        assertFalse(events.toString().contains(secretPart), events.toString());
        // The render is logged just after its bundle and event are published: wait for the line.
        Deadline.until("a log line about " + kustomization, RenderTopics.WAIT,
                () -> logs.lines().stream().anyMatch(line -> line.contains(kustomization)));
        List<String> lines = logs.lines();
        assertTrue(lines.stream().noneMatch(line -> line.contains(secretPart)),
                lines.stream().filter(line -> line.contains(secretPart)).toList().toString());
    }

    @Test
    void variablesComeFromConfigMapsThenSecretsThenTheInlineMapAndOptedOutObjectsKeepTheirText() {
        MountedData.write(CONFIG_MAPS, "cluster-vars", Map.of("cluster_name", "eu-1\n", "region", "eu"));
        MountedData.write(SECRETS, "cluster-secrets", Map.of("db_password", SECRET_VALUE + "\n"));
        Map<String, String> repository = Map.of("apps/web/settings.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings-${cluster_name}
                data:
                  region: ${region}
                  replicas: ${replicas:=2}
                  escaped: $${region}
                  bare: $region
                  upper: ${cluster_name^^}
                ---
                apiVersion: v1
                kind: Secret
                metadata:
                  name: db
                stringData:
                  password: ${db_password}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: template-by-annotation
                  annotations:
                    kustomize.toolkit.fluxcd.io/substitute: disabled
                data:
                  kept: ${region}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: template-by-label
                  labels:
                    kustomize.toolkit.fluxcd.io/substitute: disabled
                data:
                  kept: $${region}
                """, "apps/web/deploy.yaml", Manifests.deployment("web")
                .replace("spec:\n  selector", "spec:\n  replicas: ${replicas:=3}\n  selector"));
        Map<String, Object> postBuild = Map.of("substitute", Map.of("region", "eu-west"),
                "substituteFrom", List.of(Map.of("kind", "ConfigMap", "name", "cluster-vars"),
                        Map.of("kind", "Secret", "name", "cluster-secrets"),
                        Map.of("kind", "ConfigMap", "name", "absent-vars", "optional", true)));

        RenderedBundle bundle = render("substituted", "apps/web", Map.of("postBuild", postBuild),
                TarGz.of(repository));

        // The same manifests with the values written in by hand, as Flux substitutes them.
        List<Map<String, Object>> expected = KustomizeReference.build("apps/web", Map.of(
                "apps/web/kustomization.yaml", "resources:\n- deploy.yaml\n- settings.yaml\n",
                "apps/web/settings.yaml", repository.get("apps/web/settings.yaml")
                        .replace("settings-${cluster_name}", "settings-eu-1")
                        .replace("region: ${region}", "region: eu-west")
                        .replace("${replicas:=2}", "2").replace("$${region}\n  bare", "${region}\n  bare")
                        .replace("${cluster_name^^}", "EU-1").replace("${db_password}", SECRET_VALUE),
                "apps/web/deploy.yaml", repository.get("apps/web/deploy.yaml").replace("${replicas:=3}", "3")));
        assertEquals(List.of(), bundle.errors());
        assertEquals(expected, Manifests.opened(bundle).objects());
        Map<String, Object> settings = Manifests.object(bundle, "ConfigMap", "settings-eu-1");
        assertEquals(Map.of("region", "eu-west", "replicas", 2, "escaped", "${region}", "bare", "$region",
                "upper", "EU-1"), settings.get("data"));
        assertEquals(3, ((Map<?, ?>) Manifests.object(bundle, "Deployment", "web").get("spec")).get("replicas"));
        assertEquals(Map.of("kept", "$${region}"),
                Manifests.object(bundle, "ConfigMap", "template-by-label").get("data"));
        assertNotShown(SECRET_VALUE, "substituted");
    }

    @Test
    void aMissingSubstituteFromFailsNamingItUnlessOptionalAndTheLastGoodBundleStays() {
        byte[] artifact = TarGz.of(Map.of("settings.yaml", Manifests.configMap("settings")
                .replace("key: value", "key: ${value:=fallback}")));
        Map<String, Object> optional = Map.of("kind", "ConfigMap", "name", "nowhere", "optional", true);
        RenderedBundle good = render("missing-vars", "./", Map.of("postBuild",
                Map.of("substituteFrom", List.of(optional))), artifact);
        // No variable at all and the default strategy (WithVariables): Flux substitutes nothing.
        assertEquals(Map.of("key", "${value:=fallback}"),
                Manifests.object(good, "ConfigMap", "settings").get("data"));

        String appId = topics.kustomization("missing-vars", "missing-vars-repo", "./", Map.of("postBuild",
                Map.of("substituteFrom", List.of(Map.of("kind", "ConfigMap", "name", "nowhere")))));
        Deadline.until("a second bundle", RenderTopics.WAIT, () -> topics.bundles(appId).size() == 2);

        RenderedBundle failed = topics.bundles(appId).get(1);
        assertEquals(List.of("clusters/dev/missing-vars.yaml: spec.postBuild.substituteFrom[0]: ConfigMap"
                + " flux-system/nowhere not found in target/test-vars/configmaps/flux-system/nowhere"), failed.errors());
        assertEquals(List.of(), failed.objects());
        // Render publishes the failure; the only ok bundle is still the first one, which apply-service keeps.
        assertEquals(List.of(good), topics.bundles(appId).stream().filter(b -> !b.failed()).toList());
    }

    @Test
    void substituteStrategyAlwaysAppliesDefaultsWithoutAnyVariable() {
        RenderedBundle bundle = render("always", "./", Map.of("postBuild", Map.of("substituteStrategy", "Always")),
                TarGz.of(Map.of("settings.yaml", Manifests.configMap("settings")
                        .replace("key: value", "key: ${value:=fallback}\n  gone: x${unset}y"))));
        assertEquals(Map.of("key", "fallback", "gone", "xy"),
                Manifests.object(bundle, "ConfigMap", "settings").get("data"));
    }

    @Test
    void aSecretValueThatBreaksTheYamlFailsTheRenderWithoutBeingShown() {
        // The parser's own message would quote the text around the error.
        MountedData.write(SECRETS, "broken-secrets", Map.of("password", SECRET_VALUE + ": [unclosed"));
        RenderedBundle bundle = render("breaking", "apps/db", Map.of("postBuild",
                Map.of("substituteFrom", List.of(Map.of("kind", "Secret", "name", "broken-secrets")))),
                TarGz.of(Map.of("apps/db/secret.yaml",
                        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: ${password}\n")));

        assertEquals(List.of("Secret/db in kustomize build of apps/db: not valid YAML after variable substitution"
                + " (line 6 of the object)"), bundle.errors());
        assertEquals(bundle.errors().get(0),
                topics.event(RenderTopics.kustomizationRef("breaking"), "BuildFailed").message());
        assertNotShown(SECRET_VALUE, "breaking");
    }

    @Test
    void aChangedConfigMapFileRendersTheSameRevisionAgain() {
        MountedData.write(CONFIG_MAPS, "changing-vars", Map.of("mode", "blue"));
        RenderedBundle blue = render("changing", "./", Map.of("postBuild",
                Map.of("substituteFrom", List.of(Map.of("kind", "ConfigMap", "name", "changing-vars")))),
                TarGz.of(Map.of("settings.yaml", Manifests.configMap("settings").replace("value", "${mode}"))));
        assertEquals(Map.of("key", "blue"), Manifests.object(blue, "ConfigMap", "settings").get("data"));

        MountedData.write(CONFIG_MAPS, "changing-vars", Map.of("mode", "green"));

        Deadline.until("a bundle with mode green", RenderTopics.WAIT, () -> topics.bundles(blue.appId()).size() == 2);
        RenderedBundle green = topics.bundles(blue.appId()).get(1);
        assertEquals(blue.revision(), green.revision());
        assertEquals(Map.of("key", "green"), Manifests.object(green, "ConfigMap", "settings").get("data"));
    }
}
