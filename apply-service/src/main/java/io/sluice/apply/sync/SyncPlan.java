package io.sluice.apply.sync;

import io.sluice.apply.sync.BundleApplier.Target;
import io.sluice.apply.sync.ObjectSyncOptions.Hook;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The steps of a sync in Argo CD's order: phase (PreSync hooks, then the Sync phase with its
 * ordinary objects and Sync hooks, then PostSync hooks), then wave (lower first), then
 * {@link ApplyOrder}, then the bundle's own order (Argo CD sorts by name last; a renderer's output
 * order is kept so that statuses list objects as Git does). Skip hooks are never applied; hooks are left out of an apply that
 * is no sync operation (a drift correction), and SyncFail hooks out of every plan ({@link #failHooks}).
 */
final class SyncPlan {
    private static final List<Hook> PHASES = List.of(Hook.PRE_SYNC, Hook.SYNC, Hook.POST_SYNC);

    /** The objects applied together; the next step waits until all of them are healthy. */
    record Step(Hook phase, int wave, List<Target> targets) {
        String describe() {
            return "wave " + wave + " of phase " + phase.label;
        }

        boolean hasHooks() {
            return targets.stream().anyMatch(t -> t.options().isHook());
        }
    }

    static List<Step> of(List<Target> targets, boolean withHooks) {
        Map<Integer, Map<Integer, List<Target>>> byPhaseAndWave = new TreeMap<>();
        for (Target target : targets) {
            ObjectSyncOptions options = target.options();
            if (options.hooks().contains(Hook.SKIP) || options.isHook() && !withHooks) {
                continue;
            }
            List<Hook> phases = options.isHook() ? options.hooks().stream().filter(PHASES::contains).toList()
                    : List.of(Hook.SYNC);
            for (Hook phase : phases) {
                byPhaseAndWave.computeIfAbsent(PHASES.indexOf(phase), p -> new TreeMap<>())
                        .computeIfAbsent(options.wave(), w -> new ArrayList<>()).add(target);
            }
        }
        List<Step> steps = new ArrayList<>();
        byPhaseAndWave.forEach((phase, waves) -> waves.forEach((wave, inWave) -> {
            inWave.sort(Comparator.comparingInt((Target t) -> ApplyOrder.rank(t.ref().kind())));
            steps.add(new Step(PHASES.get(phase), wave, List.copyOf(inWave)));
        }));
        return steps;
    }

    /** The SyncFail hooks among {@code targets}: run, without waiting, when a sync operation fails. */
    static List<Target> failHooks(List<Target> targets) {
        return targets.stream().filter(t -> t.options().hooks().contains(Hook.SYNC_FAIL)).toList();
    }

    private SyncPlan() {
    }
}
