package io.sluice.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.ObjectRef;
import io.sluice.api.status.HealthCode;
import io.sluice.api.status.SyncCode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MessageRoundTripTest {
    private static final Instant T = Instant.parse("2026-11-27T08:00:00Z");
    private static final ObjectRef KUSTOMIZATION =
            new ObjectRef("kustomize.toolkit.fluxcd.io/v1", "Kustomization", "flux-system", "web-app");

    static Stream<Message> messages() {
        return Stream.of(
                ConfigDocument.of(KUSTOMIZATION, "clusters/demo/web-app.yaml",
                        Map.of("apiVersion", "kustomize.toolkit.fluxcd.io/v1", "kind", "Kustomization",
                                "spec", Map.of("path", "./apps", "prune", true))),
                new ConfigProblems(ConfigProblems.VERSION, KUSTOMIZATION, "clusters/demo/web-app.yaml",
                        List.of("clusters/demo/web-app.yaml:1 (document 1): Kustomization flux-system/web-app:"
                                + " spec.interval is required"), List.of(), T),
                SourceArtifact.of("source.toolkit.fluxcd.io/GitRepository/flux-system/k8s-manifests",
                        "https://git.example/k8s-manifests", "main@sha1:0123abcd", "sha256:ff00",
                        "http://127.0.0.1:8081/artifacts/ff00.tar.gz", 1234, T),
                SourceCommand.reconcile("source.toolkit.fluxcd.io/GitRepository/flux-system/k8s-manifests", "cli", T),
                RenderedBundle.ok(KUSTOMIZATION.id(), "src", "main@sha1:0123abcd", "sha256:aa",
                        List.of(Map.of("apiVersion", "v1", "kind", "ConfigMap",
                                "metadata", Map.of("name", "settings"))), T),
                RenderedBundle.ok(KUSTOMIZATION.id(), "src", "main@sha1:0123abcd", "sha256:bb", List.of(), T)
                        .withClaimCheck(new ClaimCheck("http://127.0.0.1:8082/bundles/x/bb", "sha256:cc", 2_000_000, 900)),
                RenderedBundle.failed(KUSTOMIZATION.id(), "src", "main@sha1:0123abcd",
                        List.of("apps/bad.yaml: line 3: mapping values are not allowed here"), T),
                ApplyCommand.of(KUSTOMIZATION.id(), "sync", Map.of("prune", "true"), "cli", T),
                AppStatus.of(KUSTOMIZATION).withSync(SyncCode.SYNCED).withHealth(HealthCode.HEALTHY)
                        .withBundle("main@sha1:0123abcd", "sha256:aa").withMessage("Applied revision: main@sha1:0123abcd")
                        .withResources(List.of(new AppStatus.ResourceStatus(new ObjectRef("apps/v1", "Deployment",
                                "production", "web-app"), SyncCode.SYNCED, HealthCode.HEALTHY, "")))
                        .withInventory(List.of(new ObjectRef("apps/v1", "Deployment", "production", "web-app")))
                        .withTime(T),
                AppStatus.of(KUSTOMIZATION).withSync(SyncCode.SYNCED).withHealth(HealthCode.HEALTHY)
                        .withBundle("main@sha1:0123abcd", "sha256:aa").withMessage("Applied revision: main@sha1:0123abcd")
                        .withTime(T).withHistory(List.of(new AppStatus.HistoryEntry(1, "main@sha1:0123abcd",
                        "sha256:aa", T, T, AppStatus.HistoryEntry.SUCCEEDED, AppStatus.HistoryEntry.ROLLBACK,
                        "alice", "rollback to 1", new CommitTrace("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                        T, T.plusMillis(120), T.plusMillis(430), T.plusMillis(1270))))),
                ImageLatest.of("image.toolkit.fluxcd.io/ImagePolicy/flux-system/web-app", "myregistry/web-app",
                        "1.4.2", "sha256:aa", T),
                ImageCommand.reconcile("image.toolkit.fluxcd.io/ImageUpdateAutomation/flux-system/web-app", "cli", T),
                ImageStatus.of(new ObjectRef("image.toolkit.fluxcd.io/v1", "ImageRepository", "flux-system", "web-app"),
                        true, "Succeeded", "found 3 tags", T, new ImageStatus.Scan(T, 3, List.of("1.4.2", "1.4.1")),
                        null, null),
                new Event(Event.VERSION, KUSTOMIZATION, Event.ERROR, "RenderFailed", "apps/bad.yaml: line 3",
                        "main@sha1:0123abcd", "render-service", T));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void everyMessageSurvivesJson(Message message) {
        String json = Json.write(message);
        assertTrue(json.contains("\"schemaVersion\":" + message.schemaVersion()), json);
        assertEquals(message, Json.read(json, message.getClass()));
    }

    @Test
    void aStatusWithoutHistoryFromAnOlderProducerIsRead() {
        String older = "{\"schemaVersion\":1,\"sync\":\"Synced\",\"time\":\"2026-11-27T08:00:00Z\"}";
        AppStatus status = Json.read(older, AppStatus.class);
        assertEquals(SyncCode.SYNCED, status.sync());
        assertEquals(null, status.history());
    }

    @Test
    void syncAndHealthTravelAsArgoCdWritesThem() {
        String json = Json.write(AppStatus.of(KUSTOMIZATION).withSync(SyncCode.OUT_OF_SYNC)
                .withHealth(HealthCode.PROGRESSING));
        assertTrue(json.contains("\"sync\":\"OutOfSync\",\"health\":\"Progressing\""), json);
        assertEquals(HealthCode.UNKNOWN, Json.read("{\"health\":\"Sideways\"}", AppStatus.class).health(),
                "a code this version does not know reads as Unknown");
    }

    @Test
    void objectIdsFollowTheTopicKeyForm() {
        assertEquals("kustomize.toolkit.fluxcd.io/Kustomization/flux-system/web-app", KUSTOMIZATION.id());
        assertEquals("/Namespace//production", new ObjectRef("v1", "Namespace", null, "production").id());
        assertEquals("apps", new ObjectRef("apps/v1", "Deployment", "a", "b").group());
    }

    @Test
    void failedBundlesSayTheyFailed() {
        assertTrue(RenderedBundle.failed("a", "s", "r", List.of("boom"), T).failed());
        assertEquals(false, RenderedBundle.ok("a", "s", "r", "d", List.of(), T).failed());
    }
}
