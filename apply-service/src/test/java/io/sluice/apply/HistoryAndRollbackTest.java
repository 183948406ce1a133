package io.sluice.apply;

import static io.sluice.apply.ApplyFixture.configMap;
import static io.sluice.apply.ApplyFixture.revision;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.api.ObjectRef;
import io.sluice.apply.history.BundleArchive;
import io.sluice.events.AppStatus.HistoryEntry;
import io.sluice.events.AppStatus;
import io.sluice.testkit.cluster.ClusterProvider;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.process.Deadline;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The last syncs of an application in its status, as {@code argocd app history} shows them, and
 * rollback to one of them, which pauses automated sync until resumed.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ClusterTestResource.class)
class HistoryAndRollbackTest {
    private final ApplyFixture fixture = ApplyFixture.shared();

    @Inject
    KubernetesClient cluster;

    @Inject
    BundleArchive archive;

    private ConfigMap configMapIn(String ns, String name) {
        return cluster.configMaps().inNamespace(ns).withName(name).get();
    }

    private static List<Map<String, Object>> settings(String color, boolean extra) {
        return extra ? List.of(configMap("settings", null, Map.of("color", color)),
                configMap("extra", null, Map.of("k", "v")))
                : List.of(configMap("settings", null, Map.of("color", color)));
    }

    private AppStatus awaitHistory(ObjectRef app, int entries) {
        return fixture.awaitStatus(app, entries + " history entries",
                s -> s.history() != null && s.history().size() == entries);
    }

    private static HistoryEntry last(AppStatus status) {
        return status.history().get(status.history().size() - 1);
    }

    @Test
    void syncsAreRecordedInOrderAndARollbackRestoresTheFirstAndPausesAutomationUntilResumed() {
        String ns = ApplyFixture.newNamespace("history");
        ObjectRef app = fixture.appliedApp("history", true, ns, revision("b101"), settings("blue", true));
        fixture.bundle(app, revision("b102"), settings("green", true));
        fixture.awaitRevision(app, revision("b102"));
        fixture.bundle(app, revision("b103"), settings("red", false));
        fixture.awaitRevision(app, revision("b103"));
        ClusterProvider.shared().kubectl("patch", "configmap", "settings", "-n", ns, "-p",
                "{\"data\":{\"color\":\"pink\"}}");

        AppStatus status = awaitHistory(app, 4);
        assertEquals(List.of(1L, 2L, 3L, 4L), status.history().stream().map(HistoryEntry::id).toList());
        assertEquals(List.of(revision("b101"), revision("b102"), revision("b103"), revision("b103")),
                status.history().stream().map(HistoryEntry::revision).toList());
        assertEquals(List.of("automated", "automated", "automated", "self-heal"),
                status.history().stream().map(HistoryEntry::trigger).toList());
        assertTrue(status.history().stream().allMatch(e -> HistoryEntry.SUCCEEDED.equals(e.outcome())
                && !e.finishedAt().isBefore(e.startedAt())), status.history().toString());

        // The same objects at a new revision: the reconcile writes nothing, so it is no sync.
        fixture.bundle(app, revision("b104"), settings("red", false));
        assertEquals(4, fixture.awaitRevision(app, revision("b104")).history().size());

        fixture.command(app, "rollback", Map.of("id", "1"));
        AppStatus rolledBack = fixture.awaitStatus(app, "rolled back", s -> s.message().contains("rolled back"));
        assertEquals("Suspended by command: rolled back to 1 (revision " + revision("b101")
                + ") by test-user: automated sync paused until resumed", rolledBack.message());
        assertEquals(revision("b101"), rolledBack.revision());
        HistoryEntry rollback = last(rolledBack);
        assertEquals(5, rollback.id());
        assertEquals("rollback", rollback.trigger());
        assertEquals("test-user", rollback.initiatedBy());
        assertEquals("rollback to 1", rollback.message());
        assertEquals(status.history().get(0).bundleDigest(), rollback.bundleDigest());
        assertEquals("blue", configMapIn(ns, "settings").getData().get("color"));
        assertEquals("v", configMapIn(ns, "extra").getData().get("k"));
        fixture.awaitEvent(app, "RolledBack", e -> e.message().contains("automated sync paused"));

        // A new revision waits for the resume. The rejected command after it proves it was read first.
        fixture.bundle(app, revision("b105"), settings("purple", false));
        fixture.command(app, "rollback", Map.of("id", "99"));
        assertEquals("command rollback from test-user rejected: there is no history entry 99 (history ids: 1..5)",
                fixture.awaitEvent(app, "CommandRejected", e -> e.message().contains("99")).message());
        assertEquals("blue", configMapIn(ns, "settings").getData().get("color"));

        fixture.command(app, "resume", Map.of());
        AppStatus resumed = fixture.awaitRevision(app, revision("b105"));
        assertEquals("purple", configMapIn(ns, "settings").getData().get("color"));
        Deadline.until("extra pruned", ApplyFixture.TIMEOUT, () -> configMapIn(ns, "extra") == null);
        assertEquals("automated", last(resumed).trigger());
        assertEquals(6, last(resumed).id());
    }

    @Test
    void usersSyncsOfAnArgoApplicationAreKeptToItsRevisionHistoryLimit() {
        String ns = ApplyFixture.newNamespace("argohist");
        ObjectRef app = fixture.application("argoproj.io/v1alpha1", "Application", "argocd", "argohist", Map.of(
                "destination", Map.of("server", "https://kubernetes.default.svc", "namespace", ns),
                "revisionHistoryLimit", 2));
        for (int i = 1; i <= 3; i++) {
            fixture.bundle(app, revision("d00" + i), settings("d" + i, false));
            fixture.command(app, "sync", Map.of());
            fixture.awaitRevision(app, revision("d00" + i));
        }

        AppStatus status = awaitHistory(app, 2);
        assertEquals(List.of(2L, 3L), status.history().stream().map(HistoryEntry::id).toList());
        assertTrue(status.history().stream().allMatch(e -> "sync".equals(e.trigger())
                && "test-user".equals(e.initiatedBy())), status.history().toString());
    }

    @Test
    void historyKeepsTheLastTenSyncsAndDropsTheBundleOfTheEleventhFromTheEnd() {
        String ns = ApplyFixture.newNamespace("capped");
        ObjectRef app = fixture.appliedApp("capped", true, ns, revision("c001"), settings("c1", false));
        String firstDigest = awaitHistory(app, 1).history().get(0).bundleDigest();
        assertTrue(archive.find(app.id(), firstDigest).isPresent());
        for (int i = 2; i <= 11; i++) {
            fixture.bundle(app, revision("c0" + String.format("%02d", i)), settings("c" + i, false));
            fixture.awaitRevision(app, revision("c0" + String.format("%02d", i)));
        }

        AppStatus status = awaitHistory(app, 10);
        assertEquals(2, status.history().get(0).id());
        assertEquals(11, last(status).id());
        Deadline.until("the first bundle dropped", ApplyFixture.TIMEOUT,
                () -> archive.find(app.id(), firstDigest).isEmpty());
        assertEquals(revision("c002"), archive.find(app.id(), status.history().get(0).bundleDigest()).orElseThrow()
                .revision());

        fixture.command(app, "rollback", Map.of("id", "1"));
        assertEquals("command rollback from test-user rejected: there is no history entry 1 (history ids: 2..11)",
                fixture.awaitEvent(app, "CommandRejected", e -> true).message());
        assertFalse(fixture.awaitRevision(app, revision("c011")).message().startsWith("Suspended"));
    }
}
