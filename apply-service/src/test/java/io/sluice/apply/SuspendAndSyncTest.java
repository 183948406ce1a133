package io.sluice.apply;

import static io.sluice.apply.ApplyFixture.configMap;
import static io.sluice.apply.ApplyFixture.deployment;
import static io.sluice.apply.ApplyFixture.revision;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.api.ObjectRef;
import io.sluice.api.status.SyncCode;
import io.sluice.events.AppStatus.ResourceStatus;
import io.sluice.events.AppStatus;
import io.sluice.events.Topics;
import io.sluice.events.kafka.DeadLetter;
import io.sluice.events.kafka.DeadLetters;
import io.sluice.testkit.cluster.ClusterProvider;
import io.sluice.testkit.kafka.KafkaBroker;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.process.Deadline;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Commands on sluice.apply.commands: suspend stops reconciles and self-heal until resume; a sync
 * runs even while suspended, may leave pruning out, and as a dry run reports what it would change
 * without writing anything. A command that is refused, or is no command at all, goes to
 * sluice.apply.commands.dlq with the reason, and the commands after it are handled.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ClusterTestResource.class)
class SuspendAndSyncTest {
    private static final Set<String> RESOURCES = Set.of("configmaps", "deployments");
    private final ApplyFixture fixture = ApplyFixture.shared();

    @Inject
    KubernetesClient cluster;

    @TestHTTPResource("/")
    URL root;

    private Integer replicas(String ns) {
        return cluster.apps().deployments().inNamespace(ns).withName("web").get().getSpec().getReplicas();
    }

    private ConfigMap configMapIn(String ns, String name) {
        return cluster.configMaps().inNamespace(ns).withName(name).get();
    }

    private static ResourceStatus resource(AppStatus status, String kind) {
        return status.resources().stream().filter(r -> kind.equals(r.ref().kind())).findFirst().orElseThrow();
    }

    @Test
    void aSuspendedAppIsLeftAloneAndADryRunReportsWithoutWritingUntilResumeCorrectsIt() {
        String ns = ApplyFixture.newNamespace("paused");
        ObjectRef app = fixture.appliedApp("paused", true, ns, revision("aa01"),
                List.of(deployment("web", 1, 600), configMap("settings", null, Map.of("color", "blue"))));

        fixture.suspend(app);
        assertTrue(fixture.awaitEvent(app, "Suspended", e -> true).message().startsWith("suspended by test-user"));
        ClusterProvider.shared().kubectl("scale", "deployment", "web", "-n", ns, "--replicas=4");
        fixture.bundle(app, revision("aa02"), List.of(deployment("web", 1, 600),
                configMap("settings", null, Map.of("color", "green"))));
        Map<String, Long> clusterWrites = Meters.apiServerWrites(RESOURCES);
        double ownWrites = Meters.service(root, "sluice_apply_api_writes_total", app);

        fixture.command(app, "sync", Map.of("dryRun", "true"));

        AppStatus dryRun = fixture.awaitStatus(app, "dry run", s -> s.message().contains("Dry run by test-user"));
        assertEquals(SyncCode.OUT_OF_SYNC, dryRun.sync());
        assertTrue(dryRun.message().startsWith("Suspended by command: Dry run by test-user for revision "
                + revision("aa02") + ": would configure ConfigMap/" + ns + "/settings at /data/color; would configure "
                + "Deployment/" + ns + "/web at /spec/replicas (0 unchanged)"), dryRun.message());
        assertEquals("differs from Git at /spec/replicas", resource(dryRun, "Deployment").message());
        assertEquals(SyncCode.OUT_OF_SYNC, resource(dryRun, "ConfigMap").sync());
        assertEquals(revision("aa01"), dryRun.revision(), "a dry run applies no revision");
        assertTrue(fixture.awaitEvent(app, "SyncDryRun", e -> true).message().contains("at /spec/replicas"));
        assertEquals(clusterWrites, Meters.apiServerWrites(RESOURCES), "writes counted by the API server");
        assertEquals(ownWrites, Meters.service(root, "sluice_apply_api_writes_total", app));
        assertEquals(4, replicas(ns), "a suspended app is not self-healed");
        assertEquals("blue", configMapIn(ns, "settings").getData().get("color"), "nor reconciled");

        fixture.command(app, "resume", Map.of());

        Deadline.until("the drift and the new revision to be applied", Duration.ofSeconds(5),
                () -> replicas(ns) == 1 && "green".equals(configMapIn(ns, "settings").getData().get("color")));
        AppStatus resumed = fixture.awaitRevision(app, revision("aa02"));
        assertEquals("Applied revision: " + revision("aa02"), resumed.message());
        assertEquals(SyncCode.SYNCED, resumed.sync());
        fixture.awaitEvent(app, "Resumed", e -> true);
    }

    @Test
    void aManualSyncRunsWhileSuspendedAndMayLeavePruningOut() {
        String ns = ApplyFixture.newNamespace("manual");
        ObjectRef app = fixture.appliedApp("manual", true, ns, revision("bb01"),
                List.of(configMap("a", null, Map.of("k", "1")), configMap("b", null, Map.of("k", "2"))));
        fixture.suspend(app);
        fixture.bundle(app, revision("bb02"), List.of(configMap("a", null, Map.of("k", "changed"))));

        fixture.command(app, "sync", Map.of("prune", "false"));

        AppStatus synced = fixture.awaitRevision(app, revision("bb02"));
        assertEquals("Suspended by command: Applied revision: " + revision("bb02") + "; 1 objects left to prune,"
                + " as the sync of test-user asked", synced.message(), "a manual sync does not resume");
        assertEquals(SyncCode.OUT_OF_SYNC, synced.sync());
        assertEquals("not in revision " + revision("bb02") + ": left to prune, as the sync asked",
                synced.resources().stream().filter(r -> "b".equals(r.ref().name())).findFirst().orElseThrow()
                        .message());
        assertEquals("changed", configMapIn(ns, "a").getData().get("k"));
        assertNotNull(configMapIn(ns, "b"), "prune=false leaves removed objects in place");
        assertTrue(fixture.awaitEvent(app, "ReconciliationSucceeded", e -> e.message().contains("test-user"))
                .message().contains("0 pruned"));

        fixture.command(app, "sync", Map.of());

        Deadline.until("b to be pruned by a sync that follows spec.prune", ApplyFixture.TIMEOUT,
                () -> configMapIn(ns, "b") == null);
        AppStatus pruned = fixture.awaitStatus(app, "in sync", s -> SyncCode.SYNCED.equals(s.sync()));
        assertEquals(List.of("/ConfigMap/" + ns + "/a"), ApplyFixture.ids(pruned.inventory()));
    }

    @Test
    void anInvalidCommandIsRejectedWithAnEventAndKeptOnTheDeadLetterTopic() {
        String ns = ApplyFixture.newNamespace("rejected");
        ObjectRef app = fixture.appliedApp("rejected", true, ns, revision("cc01"),
                List.of(configMap("a", null, Map.of("k", "1"))));

        fixture.command(app, "sync", Map.of("dryRun", "maybe"));
        fixture.command(app, "rollforward", Map.of());

        assertEquals("command sync from test-user rejected: option dryRun must be true or false, not 'maybe'",
                fixture.awaitEvent(app, "CommandRejected", e -> e.message().contains("sync")).message());
        assertTrue(fixture.awaitEvent(app, "CommandRejected", e -> e.message().contains("rollforward")).message()
                .contains("unknown action 'rollforward'"));
        DeadLetter last = awaitDeadLetter(app, "rollforward");
        assertEquals(Topics.APPLY_COMMANDS, last.topic());
        assertEquals("unknown action 'rollforward' (expected suspend, resume, sync or rollback)", last.reason());
    }

    @Test
    void aCommandThatIsNoJsonGoesToTheDeadLetterTopicAndTheNextCommandIsHandled() {
        String ns = ApplyFixture.newNamespace("poison");
        ObjectRef app = fixture.appliedApp("poison", true, ns, revision("dd01"),
                List.of(configMap("a", null, Map.of("k", "1"))));

        // A record cut off in the middle: no JSON.
        fixture.rawCommand(app, "{\"schemaVersion\": 1, \"appId\": \"" + app.id() + "\", \"action\": \"sy");
        fixture.command(app, "sync", Map.of());

        assertTrue(fixture.awaitEvent(app, "ReconciliationSucceeded", e -> e.message().contains(
                "on sync requested by test-user")).message().startsWith("Applied revision: " + revision("dd01")));
        DeadLetter poison = awaitDeadLetter(app, "\"action\": \"sy");
        assertEquals(Topics.APPLY_COMMANDS, poison.topic());
        assertTrue(poison.reason().startsWith("not a valid ApplyCommand: "), poison.reason());
    }

    /** The dead letter of {@code app}'s command whose value contains {@code text}, once it is there. */
    private static DeadLetter awaitDeadLetter(ObjectRef app, String text) {
        return Deadline.await("the command of " + app.name() + " with " + text + " on " + Topics.APPLY_COMMANDS
                + ".dlq", ApplyFixture.TIMEOUT, () -> DeadLetters.read(KafkaBroker.shared().bootstrapServers(),
                        Topics.APPLY_COMMANDS + ".dlq").stream().filter(letter -> app.id().equals(letter.key())
                                && letter.value().contains(text)).findFirst().orElse(null), () -> "not there");
    }
}
