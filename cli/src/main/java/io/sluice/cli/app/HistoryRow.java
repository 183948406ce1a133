package io.sluice.cli.app;

import io.sluice.events.AppStatus.HistoryEntry;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** One line of {@code sluice app history}, in the columns of {@code argocd app history} plus the sync's outcome. */
public record HistoryRow(long id, String date, String revision, String outcome, String initiatedBy) {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z 'UTC'")
            .withZone(ZoneOffset.UTC);

    static HistoryRow of(HistoryEntry entry) {
        return new HistoryRow(entry.id(), entry.finishedAt() == null ? "" : DATE.format(entry.finishedAt()),
                entry.revision(), entry.outcome(), initiator(entry));
    }

    /** "automated", "automated (self-heal)", "alice (sync)", "alice (rollback to 3)". */
    private static String initiator(HistoryEntry entry) {
        if (HistoryEntry.AUTOMATED.equals(entry.initiatedBy())) {
            return HistoryEntry.SELF_HEAL.equals(entry.trigger()) ? "automated (self-heal)" : "automated";
        }
        return entry.initiatedBy() + " (" + (HistoryEntry.ROLLBACK.equals(entry.trigger()) ? entry.message()
                : entry.trigger()) + ")";
    }
}
