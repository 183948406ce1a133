package io.sluice.render.closure;

import io.sluice.events.SourceArtifact;
import io.sluice.render.artifact.ArtifactWorkspace;
import io.sluice.render.manifest.RenderException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The {@link TreeIndex} of the last few artifacts, by digest: one commit of a monorepo is
 * downloaded and indexed once, however many applications it holds.
 */
public final class ArtifactIndexes {
    private final ArtifactWorkspace workspace;
    private final Map<String, CompletableFuture<TreeIndex>> byDigest;

    public ArtifactIndexes(ArtifactWorkspace workspace, int capacity) {
        this.workspace = workspace;
        this.byDigest = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<TreeIndex>> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The index of {@code artifact}; the first caller downloads it, callers at the same time wait for it. */
    public TreeIndex of(SourceArtifact artifact) throws RenderException {
        CompletableFuture<TreeIndex> index;
        boolean mine = false;
        synchronized (byDigest) {
            index = byDigest.get(artifact.digest());
            if (index == null) {
                index = new CompletableFuture<>();
                byDigest.put(artifact.digest(), index);
                mine = true;
            }
        }
        if (mine) {
            try {
                index.complete(workspace.read(artifact, archive -> {
                    try (InputStream in = new BufferedInputStream(Files.newInputStream(archive))) {
                        return TreeIndex.read(in);
                    }
                }));
            } catch (RenderException | IOException | RuntimeException e) {
                // Not cached: the next render tries again and reports the failure itself.
                synchronized (byDigest) {
                    byDigest.remove(artifact.digest(), index);
                }
                index.completeExceptionally(e);
            }
        }
        try {
            return index.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenderException("artifact " + artifact.url() + ": interrupted while reading it");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RenderException failure) {
                throw failure;
            }
            throw new RenderException("artifact " + artifact.url() + ": not a readable tar.gz: " + cause);
        }
    }
}
