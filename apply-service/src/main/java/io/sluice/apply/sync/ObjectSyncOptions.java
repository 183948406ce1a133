package io.sluice.apply.sync;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.sluice.api.argo.ArgoAnnotations;
import io.sluice.api.argo.SyncOptions;
import io.sluice.api.kustomize.Kustomization;
import io.sluice.api.read.Problem;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one object's own annotations ask of a sync, read with Argo CD's and Flux's names: the sync
 * wave, hook phases and delete policies ({@link ArgoAnnotations}), Argo CD's sync options (read by
 * the api's {@link SyncOptions#parseAnnotation}: Prune and Delete false or confirm, Replace, Force),
 * and Flux's {@value Kustomization#SSA_ANNOTATION}, {@value Kustomization#FORCE_ANNOTATION} and
 * {@value Kustomization#PRUNE_ANNOTATION} (their values in any case, as Flux compares them).
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
     * @throws IllegalArgumentException naming each annotation and the value it cannot read
     */
    static ObjectSyncOptions of(HasMetadata object, boolean forceAll) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        if (annotations == null || annotations.isEmpty()) {
            return forceAll ? DEFAULTS.withRecreate() : DEFAULTS;
        }
        SyncOptions.Parsed argo = SyncOptions.parseAnnotation(annotations.get(ArgoAnnotations.SYNC_OPTIONS));
        List<String> errors = argo.problems().stream().filter(Problem::isError).map(Problem::toString).toList();
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        Set<Hook> hooks = EnumSet.noneOf(Hook.class);
        for (String hook : split(annotations.get(ArgoAnnotations.HOOK))) {
            hooks.add(Arrays.stream(Hook.values()).filter(h -> h.label.equals(hook)).findFirst()
                    .orElseThrow(() -> invalid(ArgoAnnotations.HOOK, hook, "PreSync, Sync, PostSync, SyncFail or Skip")));
        }
        Set<DeletePolicy> policies = EnumSet.noneOf(DeletePolicy.class);
        for (String policy : split(annotations.get(ArgoAnnotations.HOOK_DELETE_POLICY))) {
            policies.add(Arrays.stream(DeletePolicy.values()).filter(p -> p.label.equals(policy)).findFirst()
                    .orElseThrow(() -> invalid(ArgoAnnotations.HOOK_DELETE_POLICY, policy,
                            "HookSucceeded, HookFailed or BeforeHookCreation")));
        }
        if (policies.isEmpty()) {
            policies.add(DeletePolicy.BEFORE_HOOK_CREATION);
        }
        String ssa = annotations.get(Kustomization.SSA_ANNOTATION);
        SsaPolicy policy = ssa == null ? SsaPolicy.OVERRIDE : Arrays.stream(SsaPolicy.values())
                .filter(p -> p.label.equalsIgnoreCase(ssa.trim())).findFirst()
                .orElseThrow(() -> invalid(Kustomization.SSA_ANNOTATION, ssa, "Override, Merge, IfNotPresent or Ignore"));
        boolean recreate = forceAll || "enabled".equalsIgnoreCase(annotations.get(Kustomization.FORCE_ANNOTATION))
                || argo.options().replace() || argo.options().force();
        boolean pruneDisabled = "disabled".equalsIgnoreCase(annotations.get(Kustomization.PRUNE_ANNOTATION))
                || argo.options().keepsObject();
        return new ObjectSyncOptions(wave(annotations.get(ArgoAnnotations.SYNC_WAVE)), Set.copyOf(hooks),
                Set.copyOf(policies), policy, recreate, pruneDisabled);
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
            throw invalid(ArgoAnnotations.SYNC_WAVE, value, "an integer");
        }
    }

    private static List<String> split(String value) {
        return value == null ? List.of() : Arrays.stream(value.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
    }

    private static IllegalArgumentException invalid(String annotation, String value, String expected) {
        return new IllegalArgumentException("metadata.annotations." + annotation + " must be " + expected + ", not '"
                + value + "'");
    }
}
