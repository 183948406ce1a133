package io.sluice.apply;

import static io.sluice.apply.ApplyFixture.configMap;
import static io.sluice.apply.ApplyFixture.revision;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.api.ObjectRef;
import io.sluice.events.AppStatus.HistoryEntry;
import io.sluice.events.AppStatus;
import io.sluice.events.CommitTrace;
import io.sluice.events.Event;
import io.sluice.events.Json;
import io.sluice.testkit.cluster.ClusterProvider;
import io.sluice.testkit.kafka.KafkaTestResource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The sync that brings a commit to the cluster is the last step of the commit's way: its history
 * entry holds when every stage finished (what {@code sluice app get} prints), and the sync runs in
 * the commit's trace, so its events carry that trace in their traceparent header. A resync of the
 * same revision is no step of the commit's way.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ClusterTestResource.class)
class SyncTraceTest {
    private final ApplyFixture fixture = ApplyFixture.shared();

    @Test
    void theHistoryEntryOfACommitsSyncSaysHowLongEachStageTookInTheCommitsTrace() {
        String ns = ApplyFixture.newNamespace("trace");
        ObjectRef app = fixture.kustomization("trace", true, ns);
        HexFormat hex = HexFormat.of();
        Random random = new Random();
        String traceId = hex.formatHex(bytes(random, 16));
        String renderSpan = "00-" + traceId + "-" + hex.formatHex(bytes(random, 8)) + "-01";
        // As render-service publishes it: arrived by webhook, sourced 200 ms later, rendered 300 ms after that.
        Instant arrived = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(1);
        CommitTrace commit = new CommitTrace(renderSpan, arrived, arrived.plusMillis(200), arrived.plusMillis(500),
                null);

        fixture.bundle(app, revision("7e01"), List.of(configMap("settings", null, Map.of("color", "blue"))), commit);

        HistoryEntry entry = lastEntry(fixture.awaitStatus(app, "a history entry", s -> s.history() != null
                && !s.history().isEmpty()));
        CommitTrace trace = entry.trace();
        assertNotNull(trace, "the entry's trace");
        assertEquals(arrived, trace.arrived());
        assertEquals(arrived.plusMillis(200), trace.sourced());
        assertEquals(arrived.plusMillis(500), trace.rendered());
        assertEquals(entry.finishedAt(), trace.applied());
        assertTrue(trace.summary().matches("source 200 ms, render 300 ms, apply [0-9.]+ m?s, total [0-9.]+ m?s"),
                trace.summary());
        // The same trace, under apply-service's own span: a child of render-service's.
        assertEquals(traceId, traceId(trace.traceparent()));
        assertNotEquals(renderSpan, trace.traceparent());

        ConsumerRecord<String, String> record = EventRecords.await(StringDeserializer.class,
                "the sync's event about " + app.name(), r -> app.id().equals(r.key()) && "ReconciliationSucceeded"
                        .equals(Json.read(r.value(), Event.class).reason()));
        Header traceparent = record.headers().lastHeader("traceparent");
        assertNotNull(traceparent, "the event's traceparent header");
        assertEquals(traceId, traceId(new String(traceparent.value(), StandardCharsets.UTF_8)));

        // A drift correction of the same revision is a sync of its own, but no step of the commit's way.
        ClusterProvider.shared().kubectl("patch", "configmap", "settings", "-n", ns, "-p",
                "{\"data\":{\"color\":\"red\"}}");
        AppStatus corrected = fixture.awaitStatus(app, "a second history entry", s -> s.history().size() == 2);
        assertEquals(HistoryEntry.SELF_HEAL, lastEntry(corrected).trigger());
        assertNull(lastEntry(corrected).trace());
    }

    private static HistoryEntry lastEntry(AppStatus status) {
        return status.history().get(status.history().size() - 1);
    }

    /** The trace id of a W3C traceparent: version-traceid-spanid-flags. */
    private static String traceId(String traceparent) {
        return traceparent.split("-")[1];
    }

    private static byte[] bytes(Random random, int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
