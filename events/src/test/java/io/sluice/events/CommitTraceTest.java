package io.sluice.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CommitTraceTest {
    private static final Instant ARRIVED = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void summaryGivesEachStageFromTheEndOfTheOneBefore() {
        CommitTrace trace = CommitTrace.arrived(null, ARRIVED).sourced(ARRIVED.plusMillis(120))
                .rendered(ARRIVED.plusMillis(430)).applied(ARRIVED.plusMillis(1270));

        assertEquals("source 120 ms, render 310 ms, apply 840 ms, total 1.3 s", trace.summary());
    }

    @Test
    void summaryLeavesOutStagesNotFinishedAndTheTotal() {
        CommitTrace trace = CommitTrace.arrived(null, ARRIVED).sourced(ARRIVED.plusMillis(2500));

        assertEquals("source 2.5 s", trace.summary());
        assertEquals("", CommitTrace.arrived(null, ARRIVED).summary());
    }

    @Test
    void eventTypesNameTheStageAndTheReasonInWords() {
        Event synced = Event.info(new io.sluice.api.ObjectRef("argoproj.io/v1alpha1", "Application", "argocd",
                "guestbook"), "ReconciliationSucceeded", "applied", "main@sha1:ab", "apply-service");

        EventAttributes attributes = EventAttributes.of(synced);

        assertEquals("io.sluice.apply.reconciliation-succeeded", attributes.type());
        assertEquals("/sluice/apply-service", attributes.source().toString());
        assertEquals(synced.involvedObject().id(), attributes.subject());
    }
}
