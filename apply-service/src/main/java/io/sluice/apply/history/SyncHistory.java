package io.sluice.apply.history;

import io.sluice.api.argo.Application;
import io.sluice.events.AppStatus.HistoryEntry;
import io.sluice.events.AppStatus;
import io.sluice.events.CommitTrace;
import io.sluice.events.RenderedBundle;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The last syncs of each application, kept in its status (so they survive restarts and move with
 * the application), as Argo CD keeps status.history: at most spec.revisionHistoryLimit entries
 * (default {@value #DEFAULT_LIMIT}). A sync is an apply that wrote or pruned something, or a user's
 * command; a reconcile that found nothing to do is not one. The bundle of every entry is archived,
 * so that a rollback can apply it again; it is dropped once no kept entry names it.
 */
@ApplicationScoped
public class SyncHistory {
    /** Argo CD's default revisionHistoryLimit, also kept for the Flux kinds, which have no such field. */
    public static final int DEFAULT_LIMIT = Application.DEFAULT_REVISION_HISTORY_LIMIT;

    private final BundleArchive archive;

    SyncHistory(BundleArchive archive) {
        this.archive = archive;
    }

    /** What set a sync off, in the words of the history entry. */
    public record Initiator(String trigger, String by, String message) {
        /** An automatic apply: a self-heal when it corrected drift, else a new revision or spec. */
        public static Initiator automatic(boolean corrected) {
            return corrected ? new Initiator(HistoryEntry.SELF_HEAL, HistoryEntry.AUTOMATED, "self-heal of drift")
                    : new Initiator(HistoryEntry.AUTOMATED, HistoryEntry.AUTOMATED, "automated sync");
        }

        public static Initiator sync(String who) {
            return new Initiator(HistoryEntry.SYNC, who, "sync by " + who);
        }

        public static Initiator rollback(String who, long id) {
            return new Initiator(HistoryEntry.ROLLBACK, who, "rollback to " + id);
        }
    }

    /**
     * {@code status} with one more entry for the sync of {@code bundle} that began at {@code startedAt};
     * archives the bundle first, then drops the bundles of entries beyond {@code limit}. {@code commit}
     * is the way of the commit this sync brought to the cluster, which it finished now; null when the
     * sync brought none (a resync, a rollback, a bundle without a trace).
     */
    public AppStatus record(String appId, int limit, AppStatus last, AppStatus status,
            RenderedBundle bundle, Initiator initiator, Instant startedAt, boolean succeeded, CommitTrace commit) {
        List<HistoryEntry> previous = entries(last);
        long id = previous.isEmpty() ? 1 : previous.get(previous.size() - 1).id() + 1;
        if (previous.stream().noneMatch(e -> bundle.digest().equals(e.bundleDigest()))) {
            archive.store(appId, bundle);
        }
        List<HistoryEntry> all = new ArrayList<>(previous);
        Instant finished = Instant.now();
        all.add(new HistoryEntry(id, bundle.revision(), bundle.digest(), startedAt, finished,
                succeeded ? HistoryEntry.SUCCEEDED : HistoryEntry.FAILED, initiator.trigger(), initiator.by(),
                initiator.message(), commit == null ? null : commit.applied(finished)));
        List<HistoryEntry> kept = List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
        Set<String> keptDigests = kept.stream().map(HistoryEntry::bundleDigest).collect(Collectors.toSet());
        all.subList(0, all.size() - kept.size()).stream().map(HistoryEntry::bundleDigest).distinct()
                .filter(digest -> !keptDigests.contains(digest)).forEach(digest -> archive.drop(appId, digest));
        return status.withHistory(kept);
    }

    /** Drops the archived bundles of a deleted application. */
    public void forget(String appId, AppStatus last) {
        entries(last).stream().map(HistoryEntry::bundleDigest).distinct().forEach(d -> archive.drop(appId, d));
    }

    /** The entry with {@code id}, or with null the one before the last (Argo CD's rollback without an id). */
    public static Optional<HistoryEntry> entry(AppStatus last, Long id) {
        List<HistoryEntry> entries = entries(last);
        if (id == null) {
            return entries.size() < 2 ? Optional.empty() : Optional.of(entries.get(entries.size() - 2));
        }
        return entries.stream().filter(e -> e.id() == id).findFirst();
    }

    /** "1..10", the ids a rollback may name; "none" when there is no history. */
    public static String ids(AppStatus last) {
        List<HistoryEntry> entries = entries(last);
        return entries.isEmpty() ? "none" : entries.get(0).id() + ".." + entries.get(entries.size() - 1).id();
    }

    private static List<HistoryEntry> entries(AppStatus status) {
        return status == null || status.history() == null ? List.of() : status.history();
    }
}
