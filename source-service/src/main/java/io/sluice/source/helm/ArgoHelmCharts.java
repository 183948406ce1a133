package io.sluice.source.helm;

import io.sluice.api.source.ChartVersionRange;
import static io.sluice.source.config.DocumentFields.at;

import io.sluice.api.argo.ArgoSourceIds;
import io.sluice.api.ObjectRef;
import io.sluice.api.meta.RedactedUrl;
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
 * one implicit repository (one index fetch per interval however many Applications there are); their
 * ids are {@link ArgoSourceIds#helmChartSource} and {@link ArgoSourceIds#helmRepository}.
 */
final class ArgoHelmCharts {
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
        ObjectRef repository = ArgoSourceIds.helmRepository(repoUrl);
        HelmRepositorySpec spec = new HelmRepositorySpec(repoUrl, interval, HelmRepositorySpec.DEFAULT_TIMEOUT, null,
                false, false);
        charts.add(new WantedChart(ArgoSourceIds.helmChartSource(repoUrl, chart, targetRevision),
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
