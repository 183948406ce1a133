package io.sluice.render.kustomization;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.api.kustomize.Kustomization;
import io.sluice.events.SourceArtifact;
import io.sluice.render.artifact.ArtifactWorkspace;
import io.sluice.render.manifest.KustomizationFile;
import io.sluice.render.manifest.KustomizationGuard;
import io.sluice.render.manifest.KustomizeBuild;
import io.sluice.render.manifest.RenderException;
import io.sluice.render.manifest.RepositoryPaths;
import io.sluice.render.postbuild.BuiltObjects;
import io.sluice.render.postbuild.Variables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Turns an artifact and a Flux Kustomization into Kubernetes objects as kustomize-controller does,
 * in a scratch folder of its own that is deleted afterwards: the folder's kustomization.yaml is
 * generated when it has none and given the Kustomization's options, every path it reaches is
 * checked, kustomize builds it, and the post-build steps run on the result.
 */
public final class KustomizationRenderer {
    private final ArtifactWorkspace workspace;
    private final KustomizationGuard guard;
    private final KustomizeBuild kustomize;
    private final MeterRegistry meters;

    public KustomizationRenderer(ArtifactWorkspace workspace, KustomizationGuard guard, KustomizeBuild kustomize,
            MeterRegistry meters) {
        this.workspace = workspace;
        this.guard = guard;
        this.kustomize = kustomize;
        this.meters = meters;
    }

    /** Renders with only the artifact's files that {@code files} accepts unpacked: those the build can read. */
    public List<Map<String, Object>> render(SourceArtifact artifact, Kustomization.Spec spec, Variables variables,
            Predicate<String> files) throws RenderException {
        try (ArtifactWorkspace.Unpacked folder = workspace.unpack(artifact, files)) {
            Path tree = folder.tree();
            Path dir = RepositoryPaths.resolve(tree, spec.path());
            KustomizationFile.write(dir, tree, spec.build());
            try {
                guard.check(dir, tree);
            } catch (RenderException e) {
                meters.counter("sluice.render.refused", "check", "references").increment();
                throw e;
            }
            String yaml = kustomize.build(dir, tree, folder.path());
            meters.summary("sluice.render.output.bytes").record(yaml.getBytes(StandardCharsets.UTF_8).length);
            return BuiltObjects.of(yaml, "kustomize build of " + RepositoryPaths.display(tree, dir), spec.build(),
                    variables);
        } catch (IOException e) {
            throw new RenderException("cannot prepare the scratch folder: " + e.getMessage());
        }
    }
}
