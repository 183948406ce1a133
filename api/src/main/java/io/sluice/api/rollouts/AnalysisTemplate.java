package io.sluice.api.rollouts;

import io.sluice.api.ApiGroups;
import io.sluice.api.Kind;
import io.sluice.api.Metadata;
import io.sluice.api.Resource;
import io.sluice.api.read.Node;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An Argo Rollouts AnalysisTemplate (argoproj.io v1alpha1), found among the objects Sluice applies:
 * the metrics a Rollout's analysis measures, with the arguments they take.
 */
public record AnalysisTemplate(Metadata metadata, Spec spec) implements Resource {
    public static final Kind<AnalysisTemplate> KIND = Kind.manifest(ApiGroups.ARGO, "AnalysisTemplate",
            List.of("v1alpha1"), (metadata, spec) -> new AnalysisTemplate(metadata, Spec.read(spec)))
            .notActedOnYet("no Rollout controller runs yet");

    /**
     * The spec AnalysisTemplates and ClusterAnalysisTemplates share.
     *
     * @param args the arguments the metrics use as {@code {{args.name}}}; one without value must be given
     *         by the Rollout
     * @param metrics the metrics measured (names unique); at least one, here or in {@code templates}
     * @param dryRun the metrics (names or regular expressions such as {@code .*}) whose result does not count
     * @param measurementRetention how many measurements of a metric are kept
     * @param templates other templates whose metrics and arguments are merged into this one
     */
    public record Spec(List<Argument> args, List<Metric> metrics, List<String> dryRun,
            List<RolloutAnalysis.MeasurementRetention> measurementRetention,
            List<RolloutAnalysis.TemplateRef> templates) {

        static Spec read(Node spec) {
            Node metricsField = spec.get("metrics");
            Set<String> names = new HashSet<>();
            List<Metric> metrics = metricsField.list(item -> {
                Metric metric = Metric.read(item);
                // Argo refuses two metrics of one name (ValidateMetrics).
                if (metric.name() != null && !names.add(metric.name())) {
                    item.get("name").error("'" + metric.name() + "' is the name of another metric");
                }
                return metric;
            });
            List<RolloutAnalysis.TemplateRef> templates = spec.get("templates").list(RolloutAnalysis.TemplateRef::read);
            if (metrics.isEmpty() && templates.isEmpty()) {
                metricsField.error("is required (or spec.templates)");
            }
            return new Spec(spec.get("args").list(Argument::readTemplateArgument), metrics,
                    RolloutAnalysis.readDryRun(spec.get("dryRun")),
                    RolloutAnalysis.readRetention(spec.get("measurementRetention")), templates);
        }
    }
}
