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
        restarted.observe(APP, published);
        restarted.restoreInputs();

        assertTrue(restarted.sameInputs(APP, "sha256:inputs"));
        assertFalse(restarted.sameInputs(APP, "sha256:other"));
        assertEquals(published, restarted.last(APP));
    }

    @Test
    void aRecordOfABundleNoLongerOnTheTopicIsDropped(@TempDir Path dir) throws Exception {
        new PublishedBundles(dir).remember(APP, "sha256:inputs", bundle(Instant.parse("2026-11-27T08:00:00Z")));
        RenderedBundle newer = bundle(Instant.parse("2026-11-27T09:00:00Z"));

        PublishedBundles restarted = new PublishedBundles(dir);
        restarted.observe(APP, newer);
        restarted.restoreInputs();

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
        restarted.restoreInputs();
        assertNull(restarted.last(APP));
        assertTrue(restarted.appIds().isEmpty());
    }

    @Test
    void aBundleAnotherInstancePublishedReplacesTheLastOneAndItsInputsAreUnknown(@TempDir Path dir) {
        PublishedBundles published = new PublishedBundles(dir);
        RenderedBundle own = bundle(Instant.parse("2026-11-27T08:00:00Z"));
        published.remember(APP, "sha256:inputs", own);

        // This instance's own bundle read back from the topic: nothing forgotten.
        published.observe(APP, own);
        assertTrue(published.sameInputs(APP, "sha256:inputs"));

        // The application rendered meanwhile by another instance: its bundle is what the next render compares with.
        RenderedBundle theirs = bundle(Instant.parse("2026-11-27T09:00:00Z"));
        published.observe(APP, theirs);
        assertFalse(published.sameInputs(APP, "sha256:inputs"));
        assertEquals(theirs, published.last(APP));

        published.observe(APP, null);
        assertNull(published.last(APP));
    }
}
