package io.sluice.apply.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.apply.sync.SyncOptions;
import io.sluice.events.ConfigDocument;
import io.sluice.api.ObjectRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How each kind of application document reads into its {@link SyncOptions}. */
class SyncOptionsReadingTest {
    private final AppSpecs specs = new AppSpecs(Duration.ofMinutes(10), Duration.ofMinutes(3));

    private SyncOptions read(String apiVersion, String kind, Map<String, Object> spec) {
        ObjectRef ref = new ObjectRef(apiVersion, kind, "apps", "demo");
        return specs.read(ConfigDocument.of(ref, "apps/demo.yaml", Map.of("apiVersion", apiVersion, "kind", kind,
                "metadata", Map.of("name", "demo", "namespace", "apps"), "spec", spec))).sync();
    }

    private SyncOptions argo(Map<String, Object> syncPolicy) {
        return read("argoproj.io/v1alpha1", "Application", Map.of("destination",
                Map.of("server", "https://kubernetes.default.svc", "namespace", "web"), "syncPolicy", syncPolicy));
    }

    @Test
    void argoApplicationAllowsEmptyOnlyWhenAutomatedSaysSoAndForcesWithReplaceOrForce() {
        assertEquals(new SyncOptions(false, false, true), argo(Map.of()));
        assertEquals(new SyncOptions(true, false, true), argo(Map.of("automated", Map.of("allowEmpty", true))));
        assertEquals(new SyncOptions(false, true, true), argo(Map.of("syncOptions",
                List.of("Replace=false", "Force=true", "PruneLast=true", "ServerSideApply=true"))));
        assertEquals(new SyncOptions(false, true, true), argo(Map.of("syncOptions", List.of("Replace=true"))));
    }

    @Test
    void fluxKindsForceWithTheirOwnFieldAndNeverAllowEmpty() {
        assertEquals(new SyncOptions(false, true, false), read("kustomize.toolkit.fluxcd.io/v1", "Kustomization",
                Map.of("interval", "1m", "force", true)));
        assertEquals(SyncOptions.DEFAULTS, read("kustomize.toolkit.fluxcd.io/v1", "Kustomization",
                Map.of("interval", "1m")));
        assertEquals(new SyncOptions(false, true, false), read("helm.toolkit.fluxcd.io/v2", "HelmRelease",
                Map.of("interval", "5m", "upgrade", Map.of("force", true))));
    }
}
