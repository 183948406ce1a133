package io.sluice.render.reconcile;

import io.sluice.events.SourceArtifact;
import io.sluice.render.artifact.ArtifactDownloader;
import io.sluice.render.artifact.ScratchSpace;
import io.sluice.render.artifact.TarGzExtractor;
import io.sluice.render.manifest.KustomizeBuild;
import io.sluice.render.manifest.PlainManifests;
import io.sluice.render.manifest.RenderException;
import io.sluice.render.manifest.RepositoryPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Turns an artifact and a folder in it into Kubernetes objects, in a scratch folder of its own
 * that is deleted afterwards: a kustomization folder is built by kustomize, any other folder is
 * read as plain manifests.
 */
public final class Renderer {
    private final ScratchSpace scratch;
    private final ArtifactDownloader downloader;
    private final TarGzExtractor extractor;
    private final KustomizeBuild kustomize;

    public Renderer(ScratchSpace scratch, ArtifactDownloader downloader, TarGzExtractor extractor,
            KustomizeBuild kustomize) {
        this.scratch = scratch;
        this.downloader = downloader;
        this.extractor = extractor;
        this.kustomize = kustomize;
    }

    public List<Map<String, Object>> render(SourceArtifact artifact, String specPath) throws RenderException {
        try (ScratchSpace.Folder folder = scratch.create()) {
            Path archive = folder.path().resolve("artifact.tar.gz");
            downloader.download(artifact, archive);
            Path tree = Files.createDirectory(folder.path().resolve("tree"));
            extractor.extract(archive, tree, artifact.url());
            Path dir = RepositoryPaths.resolve(tree, specPath);
            return KustomizeBuild.isKustomization(dir)
                    ? kustomize.build(dir, tree, folder.path())
                    : PlainManifests.read(dir, tree);
        } catch (IOException e) {
            throw new RenderException("cannot prepare the scratch folder: " + e.getMessage());
        }
    }
}
