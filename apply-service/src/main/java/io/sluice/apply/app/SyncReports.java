package io.sluice.apply.app;

import io.sluice.api.ObjectRef;
import io.sluice.api.status.HealthCode;
import io.sluice.api.status.SyncCode;
import io.sluice.apply.health.HealthAssessor.Health;
import io.sluice.apply.health.HealthAssessor;
import io.sluice.apply.sync.ApplyResult.Applied;
import io.sluice.apply.sync.ApplyResult.Change;
import io.sluice.apply.sync.ApplyResult.Failure;
import io.sluice.apply.sync.ApplyResult;
import io.sluice.apply.sync.Pruner.PruneResult;
import io.sluice.events.AppStatus.ResourceStatus;
import io.sluice.events.AppStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The words and statuses that report what one sync did, or in a dry run would do, object by
 * object. Differences are named by JSON pointer only, never by value.
 */
final class SyncReports {

    /** An object in sync with Git, with its live health. */
    static ResourceStatus synced(Applied applied) {
        Health health = HealthAssessor.assess(applied.live());
        return new ResourceStatus(applied.ref(), SyncCode.SYNCED, health.status(), health.message());
    }

    /** An object the cluster refused. */
    static ResourceStatus refused(Failure failure) {
        return new ResourceStatus(failure.ref(), SyncCode.OUT_OF_SYNC, HealthCode.MISSING, failure.message());
    }

    /**
     * The status after a sync that applied every object: each object's sync and health, the
     * inventory (what was applied, what could not be pruned, what was left to prune or opted out),
     * Synced unless the notes say something is left.
     */
    static AppStatus applied(SyncRun run) {
        List<ObjectRef> inventory = new ArrayList<>(run.result.applied().stream().map(Applied::ref).toList());
        inventory.addAll(run.pruned.failed());
        inventory.addAll(run.unpruned);
        inventory.addAll(run.optedOut);
        List<ResourceStatus> resources = new ArrayList<>(run.result.applied().stream().map(SyncReports::synced)
                .toList());
        run.unpruned.forEach(ref -> resources.add(new ResourceStatus(ref, SyncCode.OUT_OF_SYNC,
                lastHealth(run.last, ref), "not in revision " + run.revision() + ": left to prune, as the sync asked")));
        run.optedOut.forEach(ref -> resources.add(new ResourceStatus(ref, SyncCode.OUT_OF_SYNC,
                lastHealth(run.last, ref), "not in revision " + run.revision() + ": requires pruning, but its"
                        + " sync-options say Prune=false or Delete=false")));
        return AppStatus.of(run.app()).withSync(run.notes.isEmpty() ? SyncCode.SYNCED : SyncCode.OUT_OF_SYNC)
                .withHealth(HealthCode.worst(resources.stream().map(ResourceStatus::health).toList()))
                .withBundle(run.revision(), run.bundle.digest())
                .withMessage("Applied revision: " + run.revision() + suffix(run.notes))
                .withResources(List.copyOf(resources)).withInventory(List.copyOf(inventory));
    }

    /** What a sync's messages add after "Applied revision: ...": prune errors, and the objects left in place. */
    static List<String> notes(SyncRun run) {
        List<String> notes = new ArrayList<>(run.pruned.errors());
        if (!run.unpruned.isEmpty()) {
            notes.add(run.unpruned.size() + " objects left to prune, as the sync of " + run.request.requestedBy()
                    + " asked");
        }
        if (!run.optedOut.isEmpty()) {
            notes.add(run.optedOut.size() + " objects require pruning but opted out of it");
        }
        return List.copyOf(notes);
    }

    /** {@code notes} as they follow a message: "; one; two", or nothing. */
    static String suffix(List<String> notes) {
        return notes.isEmpty() ? "" : "; " + String.join("; ", notes);
    }

    /** "1 created, 0 configured, 2 unchanged, 0 pruned" */
    static String counts(ApplyResult result, PruneResult pruned) {
        return result.count(Change.CREATED) + " created, " + result.count(Change.CONFIGURED) + " configured, "
                + result.count(Change.UNCHANGED) + " unchanged, " + pruned.deleted().size() + " pruned";
    }

    /** What a drift correction changed: "Deployment/ns/web at /spec/replicas; ConfigMap/ns/settings recreated". */
    static String corrections(ApplyResult result) {
        return result.applied().stream().filter(a -> a.change() != Change.UNCHANGED)
                .map(a -> a.ref().display() + (a.change() == Change.CREATED ? " recreated (it had been deleted)"
                        : " at " + String.join(", ", a.differences())))
                .collect(Collectors.joining("; "));
    }

    /**
     * The status after a dry-run sync: each object's sync as the dry run found it, the application
     * OutOfSync when anything would change; revision, digest and inventory stay the last applied.
     */
    static AppStatus dryRun(ObjectRef app, AppStatus last, String revision, String requestedBy, ApplyResult result,
            PruneResult pruned) {
        List<ResourceStatus> resources = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        for (Applied applied : result.applied()) {
            if (applied.change() == Change.UNCHANGED) {
                resources.add(synced(applied));
                continue;
            }
            Health health = HealthAssessor.assess(applied.live());
            String difference = applied.change() == Change.CREATED ? "missing from the cluster"
                    : "differs from Git at " + String.join(", ", applied.differences());
            resources.add(new ResourceStatus(applied.ref(), SyncCode.OUT_OF_SYNC, health.status(), difference));
            changes.add((applied.change() == Change.CREATED ? "would create " : "would configure ")
                    + applied.ref().display()
                    + (applied.change() == Change.CREATED ? "" : " at " + String.join(", ", applied.differences())));
        }
        for (ObjectRef ref : pruned.deleted()) {
            resources.add(new ResourceStatus(ref, SyncCode.OUT_OF_SYNC, lastHealth(last, ref),
                    "not in revision " + revision + ": would be pruned"));
            changes.add("would prune " + ref.display());
        }
        for (Failure failure : result.failures()) {
            if (failure.ref() != null) {
                resources.add(refused(failure));
            }
            changes.add("would fail: " + failure.message());
        }
        pruned.errors().forEach(error -> changes.add("would fail: " + error));
        boolean inSync = resources.stream().allMatch(r -> SyncCode.SYNCED.equals(r.sync()))
                && result.failures().stream().noneMatch(f -> f.ref() == null);
        String message = "Dry run by " + requestedBy + " for revision " + revision + ": "
                + (changes.isEmpty() ? "no changes" : String.join("; ", changes))
                + " (" + result.count(Change.UNCHANGED) + " unchanged)";
        return AppStatus.of(app).withSync(inSync ? SyncCode.SYNCED : SyncCode.OUT_OF_SYNC)
                .withHealth(HealthCode.worst(resources.stream().map(ResourceStatus::health).toList()))
                .withBundle(last == null ? null : last.revision(), last == null ? null : last.bundleDigest())
                .withMessage(message).withResources(List.copyOf(resources)).withInventory(StatusBook.inventory(last));
    }

    /** The health {@code last} reported for {@code ref}; Unknown when it reported none. */
    static HealthCode lastHealth(AppStatus last, ObjectRef ref) {
        if (last == null || last.resources() == null) {
            return HealthCode.UNKNOWN;
        }
        return last.resources().stream().filter(r -> Objects.equals(r.ref().id(), ref.id())).findFirst()
                .map(ResourceStatus::health).orElse(HealthCode.UNKNOWN);
    }

    private SyncReports() {
    }
}
