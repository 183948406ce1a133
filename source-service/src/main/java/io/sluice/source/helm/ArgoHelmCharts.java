package io.sluice.source.helm;

import static io.sluice.source.config.DocumentFields.at;

import io.sluice.events.ObjectRef;
import io.sluice.source.git.RedactedUrl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Helm charts an Argo CD Application (argoproj.io/v1alpha1) asks for: each of
 * {@code spec.source} and {@code spec.sources[]} that names a {@code chart} in an http(s)
 * {@code repoURL}, at {@code targetRevision} (a version or range; empty for the newest). Sources
 * without a chart are Git sources and not read here.
 *
 * <p>Applications name repositories inline, so every Application asking for the same
 * (repoURL, chart, targetRevision) shares one chart source, and every chart of one repoURL shares
 * one implicit repository (one index fetch per interval however many Applications there are):
 * <ul>
 * <li>chart source id: {@code source.toolkit.fluxcd.io/HelmChart//argocd-<chart>-<h>}, where
 * {@code <h>} is the first 12 hex digits of sha256("<repoURL without trailing slashes>\n<chart>\n
 * <targetRevision trimmed, empty when absent>"), as {@link #chartRef} computes it;</li>
 * <li>repository id: {@code source.toolkit.fluxcd.io/HelmRepository//argocd-<h>}, {@code <h>} from
 * sha256 of the repoURL without trailing slashes.</li>
 * </ul>
 */
final class ArgoHelmCharts {
    private static final int HASH_DIGITS = 12;

    /** The charts the Application asks for, and a message naming the field of each source that cannot be used. */
    record Parsed(List<WantedChart> charts, List<String> problems) {
    }

    static Parsed parse(Map<String, Object> document, Duration interval) {
        List<WantedChart> charts = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (at(document, "spec.source") instanceof Map<?, ?> source) {
            read("spec.source", source, interval, charts, problems);
        }
        if (at(document, "spec.sources") instanceof List<?> sources) {
            for (int i = 0; i < sources.size(); i++) {
                if (sources.get(i) instanceof Map<?, ?> source) {
                    read("spec.sources[" + i + "]", source, interval, charts, problems);
                }
            }
        }
        return new Parsed(List.copyOf(charts), List.copyOf(problems));
    }

    /** The chart source shared by every Application asking for this chart at this targetRevision. */
    static ObjectRef chartRef(String repoUrl, String chart, String targetRevision) {
        String hash = Sha256.hex(HelmUrls.withoutTrailingSlash(repoUrl) + "\n" + chart + "\n" + targetRevision)
                .substring(0, HASH_DIGITS);
        String name = "argocd-" + chart.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-") + "-" + hash;
        return new ObjectRef(HelmReleaseCharts.SOURCE_API_VERSION, "HelmChart", "", name);
    }

    static ObjectRef repositoryRef(String repoUrl) {
        String hash = Sha256.hex(HelmUrls.withoutTrailingSlash(repoUrl)).substring(0, HASH_DIGITS);
        return new ObjectRef(HelmReleaseCharts.SOURCE_API_VERSION, "HelmRepository", "", "argocd-" + hash);
    }

    private static void read(String field, Map<?, ?> source, Duration interval, List<WantedChart> charts,
            List<String> problems) {
        String chart = text(source.get("chart"));
        if (chart.isEmpty()) {
            return;
        }
        String repoUrl = text(source.get("repoURL"));
        if (repoUrl.isEmpty()) {
            problems.add(field + ".repoURL is required with " + field + ".chart");
            return;
        }
        if (!HelmUrls.isHttp(repoUrl)) {
            problems.add(field + ".repoURL '" + RedactedUrl.of(repoUrl) + "' is not an http(s) Helm repository:"
                    + " charts from OCI registries are not supported yet");
            return;
        }
        String targetRevision = text(source.get("targetRevision"));
        ChartVersionRange version;
        try {
            version = ChartVersionRange.parse(targetRevision);
        } catch (IllegalArgumentException e) {
            problems.add(field + ".targetRevision: " + e.getMessage());
            return;
        }
        ObjectRef repository = repositoryRef(repoUrl);
        HelmRepositorySpec spec = new HelmRepositorySpec(repoUrl, interval, HelmRepositorySpec.DEFAULT_TIMEOUT, null,
                false, false);
        charts.add(new WantedChart(chartRef(repoUrl, chart, targetRevision),
                new ChartRequest(chart, version, repository.id()),
                new WantedChart.ImplicitRepository(repository, spec)));
    }

    /** A scalar as text: YAML reads "targetRevision: 1.2" as a number. */
    private static String text(Object value) {
        return value instanceof String || value instanceof Number ? String.valueOf(value).trim() : "";
    }

    private ArgoHelmCharts() {
    }
}
