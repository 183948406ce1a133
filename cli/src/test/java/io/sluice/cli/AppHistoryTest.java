package io.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.ObjectRef;
import io.sluice.api.status.HealthCode;
import io.sluice.api.status.SyncCode;
import io.sluice.cli.stack.StackDescription;
import io.sluice.events.AppStatus.HistoryEntry;
import io.sluice.events.AppStatus;
import io.sluice.events.ApplyCommand;
import io.sluice.events.CommitTrace;
import io.sluice.events.Event;
import io.sluice.events.Topics;
import io.sluice.events.kafka.Publisher;
import io.sluice.events.kafka.TopicAdmin;
import io.sluice.events.kafka.TopicView;
import io.sluice.testkit.kafka.KafkaBroker;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice app history} and {@code sluice app rollback} against a real broker. The test answers
 * the rollback commands as apply-service does (its side is proven in apply-service's
 * HistoryAndRollbackTest): what is checked here is what the CLI sends, prints and exits with.
 */
class AppHistoryTest {
    private static final Instant T = Instant.parse("2026-11-27T08:00:00Z");
    private static final ObjectRef APP = new ObjectRef("kustomize.toolkit.fluxcd.io/v1", "Kustomization",
            "flux-system", "hist-" + UUID.randomUUID().toString().substring(0, 8));
    /** An application whose last sync came from a new commit, with the commit's way through the stages. */
    private static final ObjectRef PUSHED = new ObjectRef("kustomize.toolkit.fluxcd.io/v1", "Kustomization",
            "flux-system", "pushed-" + UUID.randomUUID().toString().substring(0, 8));

    @TempDir
    static Path state;
    private static Publisher publisher;
    private static TopicView<ApplyCommand> applyService;
    private static final List<ApplyCommand> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void publishAHistoryAndAnswerRollbacks() throws Exception {
        String kafka = KafkaBroker.shared().bootstrapServers();
        TopicAdmin.ensureTopics(kafka);
        new StackDescription(ProcessHandle.current().pid(), kafka, Map.of(), null, null, Map.of()).write(state);
        publisher = new Publisher(kafka);
        publisher.send(Topics.APPLY_STATUS, APP.id(), AppStatus.of(APP).withSync(SyncCode.SYNCED)
                .withHealth(HealthCode.HEALTHY).withBundle("main@sha1:c3", "sha256:c3")
                .withMessage("Applied revision: main@sha1:c3").withTime(T).withHistory(List.of(
                        entry(1, "main@sha1:a1", HistoryEntry.AUTOMATED, HistoryEntry.AUTOMATED, "automated sync"),
                        entry(2, "main@sha1:b2", HistoryEntry.SELF_HEAL, HistoryEntry.AUTOMATED, "self-heal of drift"),
                        entry(3, "main@sha1:a1", HistoryEntry.ROLLBACK, "alice", "rollback to 1"))));
        CommitTrace trace = CommitTrace.arrived("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", T)
                .sourced(T.plusMillis(120)).rendered(T.plusMillis(430)).applied(T.plusMillis(1270));
        HistoryEntry pushed = new HistoryEntry(2, "main@sha1:d4", "sha256:d4", T, T.plusMillis(1270),
                HistoryEntry.SUCCEEDED, HistoryEntry.AUTOMATED, HistoryEntry.AUTOMATED, "automated sync", trace);
        publisher.send(Topics.APPLY_STATUS, PUSHED.id(), AppStatus.of(PUSHED).withSync(SyncCode.SYNCED)
                .withHealth(HealthCode.HEALTHY).withBundle("main@sha1:d4", "sha256:d4")
                .withMessage("Applied revision: main@sha1:d4").withTime(T)
                .withHistory(List.of(entry(1, "main@sha1:c3", HistoryEntry.AUTOMATED, HistoryEntry.AUTOMATED,
                        "automated sync"), pushed)));
        applyService = new TopicView<>(kafka, Topics.APPLY_COMMANDS, ApplyCommand.class, (key, command) -> {
            if (command == null || !APP.id().equals(key)) {
                return;
            }
            received.add(command);
            String id = command.options().get(ApplyCommand.HISTORY_ID);
            if (!"1".equals(id)) {
                publisher.send(Topics.EVENTS, key, Event.error(APP, "CommandRejected", "command rollback from "
                        + command.requestedBy() + " rejected: there is no history entry " + id, null, "apply-service"));
                return;
            }
            // The sync's own event comes first; the CLI waits for the rollback's.
            publisher.send(Topics.EVENTS, key, Event.info(APP, "ReconciliationSucceeded", "Applied revision: "
                    + "main@sha1:a1 on sync requested by " + command.requestedBy(), "main@sha1:a1", "apply-service"));
            publisher.send(Topics.EVENTS, key, Event.info(APP, "RolledBack", "rolled back to 1 (revision main@sha1:a1)"
                    + " by " + command.requestedBy() + ": automated sync paused until resumed", "main@sha1:a1",
                    "apply-service"));
        }).start();
    }

    @AfterAll
    static void close() {
        applyService.close();
        publisher.close();
    }

    private static HistoryEntry entry(long id, String revision, String trigger, String by, String message) {
        return new HistoryEntry(id, revision, "sha256:" + revision.substring(revision.length() - 2),
                T.plusSeconds(60 * id), T.plusSeconds(60 * id + 2), HistoryEntry.SUCCEEDED, trigger, by, message,
                null);
    }

    private static CliRun sluice(String... args) {
        List<String> all = new ArrayList<>(List.of("app"));
        all.addAll(List.of(args));
        return CliRun.of(state, all.toArray(String[]::new));
    }

    @Test
    void historyIsATableOldestFirstAndJsonCarriesEveryField() {
        CliRun table = sluice("history", APP.name());
        assertEquals(0, table.exit(), table.output());
        String[] lines = table.output().split("\n");
        assertTrue(lines[0].matches("ID +DATE +REVISION +OUTCOME +INITIATED BY"), lines[0]);
        assertTrue(lines[1].matches("1 +2026-11-27 08:01:02 \\+0000 UTC +main@sha1:a1 +Succeeded +automated"), lines[1]);
        assertTrue(lines[2].endsWith("automated (self-heal)"), lines[2]);
        assertTrue(lines[3].matches("3 .*main@sha1:a1 +Succeeded +alice \\(rollback to 1\\)"), lines[3]);

        CliRun json = sluice("history", APP.name(), "-o", "json");
        assertTrue(json.output().contains("\"bundleDigest\" : \"sha256:b2\""), json.output());
        assertTrue(json.output().contains("\"trigger\" : \"self-heal\""), json.output());
    }

    @Test
    void appGetShowsHowLongEachStageTookWithTheLastSyncsCommit() {
        CliRun traced = sluice("get", PUSHED.name());
        assertEquals(0, traced.exit(), traced.output());
        assertTrue(traced.output().contains("Message:       Applied revision: main@sha1:d4\nLast sync:     source"
                + " 120 ms, render 310 ms, apply 840 ms, total 1.3 s (revision main@sha1:d4)\n\n"), traced.output());

        CliRun untraced = sluice("get", APP.name());
        assertEquals(0, untraced.exit(), untraced.output());
        assertTrue(untraced.output().contains("Message:       Applied revision: main@sha1:c3\n\n"), untraced.output());
        assertFalse(untraced.output().contains("Last sync:"), "its last sync, a rollback, came from no new commit");
    }

    @Test
    void rollbackSendsTheIdAndPrintsTheAnswerAndAnUnknownIdExitsOne() {
        CliRun done = sluice("rollback", APP.name(), "1");
        assertEquals(0, done.exit(), done.output());
        assertTrue(done.output().contains("✔ RolledBack: rolled back to 1 (revision main@sha1:a1) by cli "),
                done.output());
        ApplyCommand sent = received.get(0);
        assertEquals(ApplyCommand.ROLLBACK, sent.action());
        assertEquals(Map.of(ApplyCommand.HISTORY_ID, "1"), sent.options());

        CliRun refused = sluice("rollback", APP.name(), "99");
        assertEquals(1, refused.exit(), refused.output());
        assertTrue(refused.output().contains("✗ CommandRejected: command rollback from cli "), refused.output());
    }
}
