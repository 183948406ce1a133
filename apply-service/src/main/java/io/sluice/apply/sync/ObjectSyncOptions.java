package io.sluice.apply.sync;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one object's own annotations ask of a sync, read with Argo CD's and Flux's names:
 * {@value #WAVE} (an integer, lower first), {@value #HOOK} and {@value #HOOK_DELETE_POLICY},
 * {@value #ARGO_SYNC_OPTIONS} (Prune=false, Delete=false, PruneLast=true, Replace=true,
 * Force=true, ServerSideApply=true), and Flux's {@value #FLUX_SSA}, {@value #FLUX_FORCE} and
 * {@value #FLUX_PRUNE}.
 *
 * @param wave the sync wave; 0 when not annotated
 * @param hooks the phases the object is a hook of; empty for an ordinary object
 * @param deletePolicies when a hook object is deleted; BeforeHookCreation when not annotated
 * @param ssa how the object is server-side applied
 * @param recreate whether an apply refused for a changed immutable field deletes and creates it again
 * @param pruneDisabled whether it is never deleted by Sluice once it leaves the bundle
 */
public record ObjectSyncOptions(int wave, Set<Hook> hooks, Set<DeletePolicy> deletePolicies, SsaPolicy ssa,
        boolean recreate, boolean pruneDisabled) {
    public static final String WAVE = "argocd.argoproj.io/sync-wave";
    public static final String HOOK = "argocd.argoproj.io/hook";
    public static final String HOOK_DELETE_POLICY = "argocd.argoproj.io/hook-delete-policy";
    public static final String ARGO_SYNC_OPTIONS = "argocd.argoproj.io/sync-options";
    public static final String FLUX_SSA = "kustomize.toolkit.fluxcd.io/ssa";
    public static final String FLUX_FORCE = "kustomize.toolkit.fluxcd.io/force";
    public static final String FLUX_PRUNE = "kustomize.toolkit.fluxcd.io/prune";
    private static final List<String> KNOWN_ARGO_OPTIONS = List.of("Prune=false", "Prune=true", "Delete=false",
            "Delete=true", "PruneLast=true", "PruneLast=false", "Replace=true", "Replace=false", "Force=true",
            "Force=false", "ServerSideApply=true", "ServerSideApply=false", "Validate=false", "Validate=true");

    /** Argo CD's hook phases; Skip: the object is never applied. */
    public enum Hook {
        PRE_SYNC("PreSync"), SYNC("Sync"), POST_SYNC("PostSync"), SYNC_FAIL("SyncFail"), SKIP("Skip");

        final String label;

        Hook(String label) {
            this.label = label;
        }
    }

    public enum DeletePolicy {
        HOOK_SUCCEEDED("HookSucceeded"), HOOK_FAILED("HookFailed"), BEFORE_HOOK_CREATION("BeforeHookCreation");

        final String label;

        DeletePolicy(String label) {
            this.label = label;
        }
    }

    /** Flux's kustomize.toolkit.fluxcd.io/ssa values. */
    public enum SsaPolicy {
        OVERRIDE("Override"), MERGE("Merge"), IF_NOT_PRESENT("IfNotPresent"), IGNORE("Ignore");

        final String label;

        SsaPolicy(String label) {
            this.label = label;
        }
    }

    static final ObjectSyncOptions DEFAULTS = new ObjectSyncOptions(0, Set.of(),
            Set.of(DeletePolicy.BEFORE_HOOK_CREATION), SsaPolicy.OVERRIDE, false, false);

    /**
     * Reads the annotations of {@code object}; {@code forceAll} is the application's own force
     * (Flux spec.force, Argo CD Replace=true/Force=true).
     *
     * @throws IllegalArgumentException naming the annotation and the value it cannot read
     */
    static ObjectSyncOptions of(HasMetadata object, boolean forceAll) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        if (annotations == null || annotations.isEmpty()) {
            return forceAll ? DEFAULTS.withRecreate() : DEFAULTS;
        }
        List<String> argo = split(annotations.get(ARGO_SYNC_OPTIONS));
        for (String option : argo) {
            if (KNOWN_ARGO_OPTIONS.stream().noneMatch(option::equalsIgnoreCase)) {
                throw invalid(ARGO_SYNC_OPTIONS, option, "one of " + String.join(", ", KNOWN_ARGO_OPTIONS));
            }
        }
        Set<Hook> hooks = EnumSet.noneOf(Hook.class);
        for (String hook : split(annotations.get(HOOK))) {
            hooks.add(Arrays.stream(Hook.values()).filter(h -> h.label.equals(hook)).findFirst()
                    .orElseThrow(() -> invalid(HOOK, hook, "PreSync, Sync, PostSync, SyncFail or Skip")));
        }
        Set<DeletePolicy> policies = EnumSet.noneOf(DeletePolicy.class);
        for (String policy : split(annotations.get(HOOK_DELETE_POLICY))) {
            policies.add(Arrays.stream(DeletePolicy.values()).filter(p -> p.label.equals(policy)).findFirst()
                    .orElseThrow(() -> invalid(HOOK_DELETE_POLICY, policy,
                            "HookSucceeded, HookFailed or BeforeHookCreation")));
        }
        if (policies.isEmpty()) {
            policies.add(DeletePolicy.BEFORE_HOOK_CREATION);
        }
        String ssa = annotations.get(FLUX_SSA);
        SsaPolicy policy = ssa == null ? SsaPolicy.OVERRIDE : Arrays.stream(SsaPolicy.values())
                .filter(p -> p.label.equalsIgnoreCase(ssa.trim())).findFirst()
                .orElseThrow(() -> invalid(FLUX_SSA, ssa, "Override, Merge, IfNotPresent or Ignore"));
        boolean recreate = forceAll || "enabled".equalsIgnoreCase(annotations.get(FLUX_FORCE))
                || has(argo, "Replace=true") || has(argo, "Force=true");
        boolean pruneDisabled = "disabled".equalsIgnoreCase(annotations.get(FLUX_PRUNE)) || has(argo, "Prune=false")
                || has(argo, "Delete=false");
        return new ObjectSyncOptions(wave(annotations.get(WAVE)), Set.copyOf(hooks), Set.copyOf(policies), policy,
                recreate, pruneDisabled);
    }

    /** Whether the live object asks never to be deleted by Sluice; a live object whose annotations do not read counts as not. */
    static boolean pruneDisabled(HasMetadata live) {
        try {
            return of(live, false).pruneDisabled();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public boolean isHook() {
        return !hooks.isEmpty();
    }

    private ObjectSyncOptions withRecreate() {
        return new ObjectSyncOptions(wave, hooks, deletePolicies, ssa, true, pruneDisabled);
    }

    private static int wave(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(WAVE, value, "an integer");
        }
    }

    private static boolean has(List<String> options, String option) {
        return options.stream().anyMatch(option::equalsIgnoreCase);
    }

    private static List<String> split(String value) {
        return value == null ? List.of() : Arrays.stream(value.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
    }

    private static IllegalArgumentException invalid(String annotation, String value, String expected) {
        return new IllegalArgumentException("annotation " + annotation + ": '" + value + "' must be " + expected);
    }
}
