package io.sluice.api.rollouts;

import io.sluice.api.read.Node;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An analysis a Rollout runs (a canary step's, the background one, a blue-green promotion's): the
 * AnalysisTemplates merged into one run, and the arguments given to them.
 *
 * @param templates the templates whose metrics are run (at least one)
 * @param args the arguments given to the templates, by name
 * @param dryRun the metrics (names or regular expressions such as {@code .*}) whose result does not count
 * @param measurementRetention how many measurements of a metric are kept
 */
public record RolloutAnalysis(List<TemplateRef> templates, List<Argument> args, List<String> dryRun,
        List<MeasurementRetention> measurementRetention) {

    /**
     * An AnalysisTemplate by name, or a ClusterAnalysisTemplate when {@code clusterScope} (false when not
     * written, Argo's IsClusterScope).
     */
    public record TemplateRef(String templateName, boolean clusterScope) {

        static TemplateRef read(Node ref) {
            return new TemplateRef(ref.get("templateName").requiredString(), ref.get("clusterScope").bool());
        }
    }

    /** At most {@code limit} measurements of the metric {@code metricName} are kept. */
    public record MeasurementRetention(String metricName, int limit) {

        static MeasurementRetention read(Node retention) {
            return new MeasurementRetention(retention.get("metricName").requiredString(),
                    retention.get("limit").integer(0, 0));
        }
    }

    static RolloutAnalysis read(Node analysis) {
        Node templates = analysis.get("templates");
        List<TemplateRef> refs = templates.list(TemplateRef::read);
        if (!templates.present() || templates.isList() && ((List<?>) templates.raw()).isEmpty()) {
            templates.error("must name at least one template");
        }
        analysis.unsupported(null, "analysisRunMetadata");
        return new RolloutAnalysis(refs, analysis.get("args").list(Argument::readRolloutArgument),
                readDryRun(analysis.get("dryRun")), readRetention(analysis.get("measurementRetention")));
    }

    /** {@code dryRun} entries ({@code metricName}), each named once as Argo requires. */
    static List<String> readDryRun(Node dryRun) {
        Set<String> seen = new HashSet<>();
        return dryRun.list(entry -> {
            Node name = entry.get("metricName");
            String metric = name.requiredString();
            if (metric != null && !seen.add(metric)) {
                name.error("'" + metric + "' is named by another dryRun entry");
            }
            return metric;
        });
    }

    /** {@code measurementRetention} entries, each metric named once as Argo requires. */
    static List<MeasurementRetention> readRetention(Node retention) {
        Set<String> seen = new HashSet<>();
        return retention.list(entry -> {
            MeasurementRetention read = MeasurementRetention.read(entry);
            if (read.metricName() != null && !seen.add(read.metricName())) {
                entry.get("metricName").error("'" + read.metricName() + "' is named by another measurementRetention"
                        + " entry");
            }
            return read;
        });
    }
}
