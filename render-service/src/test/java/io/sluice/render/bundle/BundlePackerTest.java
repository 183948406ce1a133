package io.sluice.render.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.ObjectRef;
import io.sluice.events.ClaimCheck;
import io.sluice.events.Json;
import io.sluice.events.RenderedBundle;
import io.sluice.events.seal.BundleKeys;
import io.sluice.render.reconcile.CanonicalDigest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BundlePackerTest {
    private static final ObjectRef APP = new ObjectRef("kustomize.toolkit.fluxcd.io/v1", "Kustomization",
            "flux-system", "web");
    private static final Map<String, Object> SECRET = Map.of("apiVersion", "v1", "kind", "Secret",
            "metadata", Map.of("name", "db", "namespace", "prod"), "stringData", Map.of("password", "hunter2"));
    private static final Map<String, Object> CONFIG = Map.of("apiVersion", "v1", "kind", "ConfigMap",
            "metadata", Map.of("name", "settings"), "data", Map.of("mode", "fast"));
    private static final ClaimCheck STORED = new ClaimCheck("http://render/bundles/a/b", "sha256:b", 10, 2);

    @Test
    void withoutAKeyABundleWithSecretsFailsNamingTheAppAndTheProperty() {
        BundlePacker packer = new BundlePacker(BundleKeys.NONE, CanonicalDigest::of, (a, p, n) -> STORED, 1 << 20);

        RenderedBundle bundle = packer.pack(APP, "src", "main@sha1:1", List.of(CONFIG, SECRET));

        assertTrue(bundle.failed());
        assertEquals(List.of("Kustomization/flux-system/web renders Secret/prod/db but render-service has no bundle"
                + " key to seal them (sluice.bundle.key or sluice.bundle.key-file): Secrets are never published in"
                + " clear"), bundle.errors());
        assertFalse(Json.write(bundle).contains("hunter2"));
    }

    @Test
    void withoutAKeyABundleWithoutSecretsKeepsItsPlainDigest() {
        BundlePacker packer = new BundlePacker(BundleKeys.NONE, CanonicalDigest::of, (a, p, n) -> STORED, 1 << 20);

        RenderedBundle bundle = packer.pack(APP, "src", "main@sha1:1", List.of(CONFIG));

        assertEquals(CanonicalDigest.of(List.of(CONFIG)), bundle.digest());
        assertEquals(List.of(CONFIG), bundle.objects());
    }

    @Test
    void aBundleOverTheLimitLeavesItsObjectsToTheClaimCheck() {
        BundlePacker packer = new BundlePacker(BundleKeys.of(new byte[32]), CanonicalDigest::of,
                (a, p, n) -> new ClaimCheck("http://render/bundles/x/y", "sha256:y", p.length, n), 100);
        BundlePacker inline = new BundlePacker(BundleKeys.of(new byte[32]), CanonicalDigest::of,
                (a, p, n) -> STORED, 1 << 20);
        RenderedBundle small = inline.pack(APP, "src", "r", List.of(CONFIG, SECRET));

        RenderedBundle sent = packer.outgoing(packer.pack(APP, "src", "r", List.of(CONFIG, SECRET)));

        assertSame(small, inline.outgoing(small));
        assertEquals(List.of(), sent.objects());
        assertEquals(2, sent.claimCheck().objectCount());
        assertEquals(small.digest(), sent.digest());
        assertFalse(Json.write(sent).contains("hunter2"));
    }
}
