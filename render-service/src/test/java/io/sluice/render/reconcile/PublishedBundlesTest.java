package io.sluice.render.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.events.RenderedBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a restarted render-service knows about the bundles it published before. */
class PublishedBundlesTest {
    private static final String APP = "kustomize.toolkit.fluxcd.io/Kustomization/flux-system/web";

    private static RenderedBundle bundle(Instant time) {
        return RenderedBundle.ok(APP, "source.toolkit.fluxcd.io/GitRepository/flux-system/repo", "main@sha1:1",
                "sha256:0", List.of(), time);
    }

    @Test
    void aRestartTrustsTheRecordedInputsOfTheBundleStillOnTheTopic(@TempDir Path dir) {
        RenderedBundle published = bundle(Instant.parse("2026-11-27T08:00:00.123456Z"));
        new PublishedBundles(dir).remember(APP, "sha256:inputs", published);

        PublishedBundles restarted = new PublishedBundles(dir);
        restarted.load(Map.of(APP, published));

        assertTrue(restarted.sameInputs(APP, "sha256:inputs"));
        assertFalse(restarted.sameInputs(APP, "sha256:other"));
        assertEquals(published, restarted.last(APP));
    }

    @Test
    void aRecordOfABundleNoLongerOnTheTopicIsDropped(@TempDir Path dir) throws Exception {
        new PublishedBundles(dir).remember(APP, "sha256:inputs", bundle(Instant.parse("2026-11-27T08:00:00Z")));
        RenderedBundle newer = bundle(Instant.parse("2026-11-27T09:00:00Z"));

        PublishedBundles restarted = new PublishedBundles(dir);
        restarted.load(Map.of(APP, newer));

        assertFalse(restarted.sameInputs(APP, "sha256:inputs"));
        assertEquals(newer, restarted.last(APP));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void forgettingAnApplicationForgetsItsBundle(@TempDir Path dir) {
        PublishedBundles published = new PublishedBundles(dir);
        published.remember(APP, "sha256:inputs", bundle(Instant.now()));
        published.forget(APP);

        PublishedBundles restarted = new PublishedBundles(dir);
        restarted.load(Map.of());
        assertNull(restarted.last(APP));
        assertTrue(restarted.appIds().isEmpty());
    }
}
