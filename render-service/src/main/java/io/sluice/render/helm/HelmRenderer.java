package io.sluice.render.helm;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.api.helm.HelmRelease;
import io.sluice.api.kustomize.Image;
import io.sluice.api.kustomize.Kustomization.BuildOptions;
import io.sluice.api.kustomize.Patch;
import io.sluice.events.SourceArtifact;
import io.sluice.render.artifact.ArtifactWorkspace;
import io.sluice.render.manifest.KustomizationFile;
import io.sluice.render.manifest.KustomizeBuild;
import io.sluice.render.manifest.ManifestObjects;
import io.sluice.render.manifest.ManifestYaml;
import io.sluice.render.manifest.RenderException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns a chart artifact and a Flux HelmRelease into Kubernetes objects as helm-controller does,
 * in a scratch folder deleted afterwards: the chart is downloaded and checked against its digest,
 * Helm renders it with the release's values after the chart's CRDs (none when the CRD policy is Skip), and
 * the kustomize post-renderer's patches and images are applied by the kustomize build.
 */
public final class HelmRenderer {
    private static final YAMLMapper YAML = new YAMLMapper();

    private final ArtifactWorkspace workspace;
    private final ChartTemplate helm;
    private final KustomizeBuild kustomize;
    private final MeterRegistry meters;

    public HelmRenderer(ArtifactWorkspace workspace, ChartTemplate helm, KustomizeBuild kustomize,
            MeterRegistry meters) {
        this.workspace = workspace;
        this.helm = helm;
        this.kustomize = kustomize;
        this.meters = meters;
    }

    /** The objects of {@code release} from its chart {@code artifact}; errors start with {@code origin}. */
    public List<Map<String, Object>> render(SourceArtifact artifact, HelmRelease release, String origin,
            ReleaseValues values) throws RenderException {
        try (ArtifactWorkspace.Unpacked folder = workspace.unpack(artifact)) {
            Path tree = folder.tree();
            Path chart = chartFolder(tree, origin + ": chart " + artifact.url());
            Path valuesFile = folder.path().resolve("values.yaml");
            Files.writeString(valuesFile, YAML.writeValueAsString(values.values()));
            String yaml;
            try {
                yaml = helm.render(chart, release.spec().releaseName(), release.releaseNamespace(), valuesFile,
                        origin);
            } catch (RenderException e) {
                throw new RenderException(e.errors().stream().map(values::redact).toList());
            }
            meters.summary("sluice.render.output.bytes").record(yaml.getBytes(StandardCharsets.UTF_8).length);
            String what = "helm template of " + release.ref().display();
            ManifestObjects objects = new ManifestObjects();
            if (!release.spec().skipCrds()) {
                // Helm installs the CRDs of the chart's crds/ folders first, as they are (never templated).
                for (Path crds : ChartCrds.files(chart)) {
                    add(objects, Files.readString(crds),
                            release.ref().display() + ": chart file " + tree.relativize(crds));
                }
            }
            add(objects, yaml, what);
            List<Patch> patches = release.spec().postRenderers().stream()
                    .flatMap(renderer -> renderer.patches().stream()).toList();
            List<Image> images = release.spec().postRenderers().stream()
                    .flatMap(renderer -> renderer.images().stream()).toList();
            if (patches.isEmpty() && images.isEmpty()) {
                return objects.result();
            }
            return postRendered(objects.result(), new BuildOptions(null, null, null, patches, images, List.of(), false,
                    Map.of(), Map.of(), null), "post-render of " + release.ref().display(),
                    Files.createDirectory(folder.path().resolve("post-render")), folder.path());
        } catch (IOException e) {
            throw new RenderException(origin + ": cannot prepare the scratch folder: " + e.getMessage());
        }
    }

    /** The chart's own folder: a chart archive holds one folder named after the chart. */
    public static Path chartFolder(Path tree, String what) throws RenderException, IOException {
        if (Files.isRegularFile(tree.resolve("Chart.yaml"))) {
            return tree;
        }
        try (Stream<Path> entries = Files.list(tree)) {
            List<Path> charts = entries.filter(dir -> Files.isRegularFile(dir.resolve("Chart.yaml"))).toList();
            if (charts.size() != 1) {
                throw new RenderException(what + " holds no chart folder with a Chart.yaml");
            }
            return charts.get(0);
        }
    }

    private static void add(ManifestObjects objects, String yaml, String origin) throws RenderException {
        for (Map<String, Object> object : ManifestYaml.parse(yaml, origin)) {
            objects.add(object, origin);
        }
    }

    /** Flux's kustomize post-renderer: the objects as the one resource of a kustomization with the patches. */
    private List<Map<String, Object>> postRendered(List<Map<String, Object>> objects, BuildOptions options,
            String what, Path dir, Path workDir) throws RenderException, IOException {
        StringBuilder all = new StringBuilder();
        for (Map<String, Object> object : objects) {
            all.append("---\n").append(YAML.writeValueAsString(object).replaceFirst("^---\\n", ""));
        }
        Files.writeString(dir.resolve("helm-output.yaml"), all);
        Map<String, Object> kustomization = KustomizationFile.merge(
                KustomizationFile.generated(List.of("helm-output.yaml")), options, component -> false);
        Files.writeString(dir.resolve("kustomization.yaml"), YAML.writeValueAsString(kustomization));
        String yaml = kustomize.build(dir, dir, workDir);
        ManifestObjects patched = new ManifestObjects();
        add(patched, yaml, what);
        return patched.result();
    }
}
