package io.sluice.apply.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.sluice.apply.sync.ObjectSyncOptions.DeletePolicy;
import io.sluice.apply.sync.ObjectSyncOptions.Hook;
import io.sluice.apply.sync.ObjectSyncOptions.SsaPolicy;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How one object's Argo CD and Flux annotations read. */
class ObjectSyncOptionsTest {
    private static HasMetadata annotated(Map<String, String> annotations) {
        return new ConfigMapBuilder().withNewMetadata().withName("demo").withAnnotations(annotations).endMetadata()
                .build();
    }

    @Test
    void defaultsWithoutAnnotations() {
        ObjectSyncOptions options = ObjectSyncOptions.of(annotated(Map.of()), false);
        assertEquals(ObjectSyncOptions.DEFAULTS, options);
        assertEquals(Set.of(DeletePolicy.BEFORE_HOOK_CREATION), options.deletePolicies());
        assertTrue(ObjectSyncOptions.of(annotated(Map.of()), true).recreate(), "the application's force");
    }

    @Test
    void readsArgoAndFluxAnnotations() {
        ObjectSyncOptions hook = ObjectSyncOptions.of(annotated(Map.of(ObjectSyncOptions.WAVE, "-2",
                ObjectSyncOptions.HOOK, "PreSync,PostSync", ObjectSyncOptions.HOOK_DELETE_POLICY,
                "HookSucceeded, HookFailed")), false);
        assertEquals(-2, hook.wave());
        assertEquals(Set.of(Hook.PRE_SYNC, Hook.POST_SYNC), hook.hooks());
        assertEquals(Set.of(DeletePolicy.HOOK_SUCCEEDED, DeletePolicy.HOOK_FAILED), hook.deletePolicies());

        ObjectSyncOptions flux = ObjectSyncOptions.of(annotated(Map.of(ObjectSyncOptions.FLUX_SSA, "IfNotPresent",
                ObjectSyncOptions.FLUX_FORCE, "Enabled", ObjectSyncOptions.FLUX_PRUNE, "disabled")), false);
        assertEquals(SsaPolicy.IF_NOT_PRESENT, flux.ssa());
        assertTrue(flux.recreate() && flux.pruneDisabled());

        assertTrue(ObjectSyncOptions.of(annotated(Map.of(ObjectSyncOptions.ARGO_SYNC_OPTIONS,
                "PruneLast=true,Delete=false")), false).pruneDisabled());
        assertFalse(ObjectSyncOptions.of(annotated(Map.of(ObjectSyncOptions.ARGO_SYNC_OPTIONS, "Prune=true")), false)
                .pruneDisabled());
    }

    @Test
    void anUnreadableAnnotationIsNamed() {
        assertEquals("annotation argocd.argoproj.io/sync-wave: 'first' must be an integer",
                assertThrows(IllegalArgumentException.class, () -> ObjectSyncOptions.of(annotated(Map.of(
                        ObjectSyncOptions.WAVE, "first")), false)).getMessage());
        assertEquals("annotation kustomize.toolkit.fluxcd.io/ssa: 'Sometimes' must be Override, Merge, IfNotPresent"
                + " or Ignore", assertThrows(IllegalArgumentException.class, () -> ObjectSyncOptions.of(annotated(
                        Map.of(ObjectSyncOptions.FLUX_SSA, "Sometimes")), false)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ObjectSyncOptions.of(annotated(Map.of(
                ObjectSyncOptions.HOOK, "PreDeploy")), false)).getMessage().startsWith(
                        "annotation argocd.argoproj.io/hook: 'PreDeploy' must be"));
        assertFalse(ObjectSyncOptions.pruneDisabled(annotated(Map.of(ObjectSyncOptions.WAVE, "first"))),
                "a live object whose annotations do not read is not opted out");
    }
}
