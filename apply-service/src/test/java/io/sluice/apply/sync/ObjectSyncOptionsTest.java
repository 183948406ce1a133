package io.sluice.apply.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.sluice.api.argo.ArgoAnnotations;
import io.sluice.api.kustomize.Kustomization;
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
        ObjectSyncOptions hook = ObjectSyncOptions.of(annotated(Map.of(ArgoAnnotations.SYNC_WAVE, "-2",
                ArgoAnnotations.HOOK, "PreSync,PostSync", ArgoAnnotations.HOOK_DELETE_POLICY,
                "HookSucceeded, HookFailed")), false);
        assertEquals(-2, hook.wave());
        assertEquals(Set.of(Hook.PRE_SYNC, Hook.POST_SYNC), hook.hooks());
        assertEquals(Set.of(DeletePolicy.HOOK_SUCCEEDED, DeletePolicy.HOOK_FAILED), hook.deletePolicies());

        ObjectSyncOptions flux = ObjectSyncOptions.of(annotated(Map.of(Kustomization.SSA_ANNOTATION, "IfNotPresent",
                Kustomization.FORCE_ANNOTATION, "Enabled", Kustomization.PRUNE_ANNOTATION, "disabled")), false);
        assertEquals(SsaPolicy.IF_NOT_PRESENT, flux.ssa());
        assertTrue(flux.recreate() && flux.pruneDisabled());

        assertTrue(ObjectSyncOptions.of(annotated(Map.of(ArgoAnnotations.SYNC_OPTIONS,
                "PruneLast=true,Delete=false")), false).pruneDisabled());
        assertFalse(ObjectSyncOptions.of(annotated(Map.of(ArgoAnnotations.SYNC_OPTIONS, "Prune=true")), false)
                .pruneDisabled());
    }

    @Test
    void argoSyncOptionsAreReadByTheApisParserWithArgoCdsSpellings() {
        assertTrue(ObjectSyncOptions.of(annotated(Map.of(ArgoAnnotations.SYNC_OPTIONS, "Prune=confirm")), false)
                .pruneDisabled(), "kept until a confirmation Sluice cannot take yet");
        assertTrue(ObjectSyncOptions.of(annotated(Map.of(ArgoAnnotations.SYNC_OPTIONS, "Replace=true")), false)
                .recreate());
        assertFalse(ObjectSyncOptions.of(annotated(Map.of(ArgoAnnotations.SYNC_OPTIONS, "Prune=false,Frobnicate=true")),
                false).recreate(), "an option Sluice does not know is ignored (a warning of the api), not an error");
        assertEquals("metadata.annotations.argocd.argoproj.io/sync-options must be Prune=true, false or confirm, not"
                + " 'prune=false'", assertThrows(IllegalArgumentException.class, () -> ObjectSyncOptions.of(annotated(
                        Map.of(ArgoAnnotations.SYNC_OPTIONS, "prune=false")), false)).getMessage());
    }

    @Test
    void anUnreadableAnnotationIsNamed() {
        assertEquals("metadata.annotations.argocd.argoproj.io/sync-wave must be an integer, not 'first'",
                assertThrows(IllegalArgumentException.class, () -> ObjectSyncOptions.of(annotated(Map.of(
                        ArgoAnnotations.SYNC_WAVE, "first")), false)).getMessage());
        assertEquals("metadata.annotations.kustomize.toolkit.fluxcd.io/ssa must be Override, Merge, IfNotPresent"
                + " or Ignore, not 'Sometimes'", assertThrows(IllegalArgumentException.class, () -> ObjectSyncOptions
                        .of(annotated(Map.of(Kustomization.SSA_ANNOTATION, "Sometimes")), false)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ObjectSyncOptions.of(annotated(Map.of(
                ArgoAnnotations.HOOK, "PreDeploy")), false)).getMessage().startsWith(
                        "metadata.annotations.argocd.argoproj.io/hook must be"));
        assertFalse(ObjectSyncOptions.pruneDisabled(annotated(Map.of(ArgoAnnotations.SYNC_WAVE, "first"))),
                "a live object whose annotations do not read is not opted out");
    }
}
