package io.sluice.source.helm;

import io.sluice.api.source.ChartVersionRange;
import static io.sluice.source.config.DocumentFields.at;
import static io.sluice.source.config.DocumentFields.optionalString;
import static io.sluice.source.config.DocumentFields.requiredString;
import static io.sluice.source.config.DocumentFields.unknownFields;

import io.sluice.events.ConfigDocument;
import io.sluice.api.ObjectRef;
import io.sluice.source.config.InvalidFieldException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The chart a Flux HelmRelease (helm.toolkit.fluxcd.io v2, v2beta1) asks for in
 * {@code spec.chart.spec}, and the HelmChart source Flux would make for it: named
 * {@code <release namespace>-<release name>} in the release's namespace.
 */
final class HelmReleaseCharts {
    static final String SOURCE_API_VERSION = "source.toolkit.fluxcd.io/v1";
    private static final String TEMPLATE = "spec.chart.spec";
    private static final Set<String> SUPPORTED_TEMPLATE_FIELDS = Set.of("chart", "version", "sourceRef", "interval",
            "reconcileStrategy");

    /** The chart source of this HelmRelease, whose id keys its artifact on sluice.source.artifacts. */
    static ObjectRef chartRef(ObjectRef release) {
        return new ObjectRef(SOURCE_API_VERSION, "HelmChart", release.namespace(),
                release.namespace() + "-" + release.name());
    }

    /**
     * The chart the release asks for; an {@link InvalidFieldException} or {@link UnsupportedChartSource}
     * naming the field otherwise.
     */
    static WantedChart parse(ConfigDocument release) {
        Map<String, Object> document = release.document();
        if (at(document, "spec.chartRef") != null) {
            throw new UnsupportedChartSource("spec.chartRef is not supported yet: name the chart in " + TEMPLATE
                    + " with a HelmRepository sourceRef");
        }
        String chart = requiredString(document, TEMPLATE + ".chart");
        String kind = requiredString(document, TEMPLATE + ".sourceRef.kind");
        String name = requiredString(document, TEMPLATE + ".sourceRef.name");
        String namespace = optionalString(document, TEMPLATE + ".sourceRef.namespace");
        if (kind.equals("GitRepository") || kind.equals("Bucket")) {
            throw new UnsupportedChartSource(TEMPLATE + ".sourceRef.kind " + kind
                    + " is not supported yet: charts come from HelmRepositories only");
        }
        if (!kind.equals("HelmRepository")) {
            throw new InvalidFieldException(TEMPLATE + ".sourceRef.kind must be HelmRepository, GitRepository or"
                    + " Bucket, not '" + kind + "'");
        }
        ChartVersionRange version;
        try {
            version = ChartVersionRange.parse(optionalString(document, TEMPLATE + ".version"));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(TEMPLATE + ".version: " + e.getMessage());
        }
        String repositoryId = new ObjectRef(SOURCE_API_VERSION, "HelmRepository",
                namespace == null ? release.ref().namespace() : namespace, name).id();
        return new WantedChart(chartRef(release.ref()), new ChartRequest(chart, version, repositoryId), null);
    }

    /** The chart template fields Flux knows and Sluice does not act on yet (valuesFiles, verify, ...). */
    static List<String> unsupportedFields(Map<String, Object> document) {
        return unknownFields(document, TEMPLATE, SUPPORTED_TEMPLATE_FIELDS);
    }

    private HelmReleaseCharts() {
    }
}
