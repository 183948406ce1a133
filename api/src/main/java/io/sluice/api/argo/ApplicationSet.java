package io.sluice.api.argo;

import io.sluice.api.ApiGroups;
import io.sluice.api.Kind;
import io.sluice.api.Metadata;
import io.sluice.api.Resource;
import io.sluice.api.meta.LabelSelector;
import io.sluice.api.read.Node;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An Argo CD ApplicationSet (argoproj.io/v1alpha1): Applications generated from a template, one per
 * parameter set its generators produce. Read and checked; Sluice generates no Application yet.
 */
public record ApplicationSet(Metadata metadata, Spec spec) implements Resource {
    public static final Kind<ApplicationSet> KIND = Kind.configuration(ApiGroups.ARGO, "ApplicationSet",
            List.of("v1alpha1"), (metadata, spec) -> new ApplicationSet(metadata, Spec.read(spec)))
            .notActedOnYet("no Application is generated yet");
    private static final List<String> GO_TEMPLATE_OPTIONS = List.of("missingkey=default", "missingkey=invalid",
            "missingkey=zero", "missingkey=error");

    /**
     * @param goTemplate whether placeholders are Go templates ({@code {{.path.basename}}}) rather than
     *         Argo CD's plain {@code {{name}}} (false by default)
     * @param goTemplateOptions options of the Go templates, such as missingkey=error
     * @param templatePatch a templated patch of each generated Application; null when not written
     * @param syncPolicy what the ApplicationSet may do to the Applications it generated
     * @param strategy how generated Applications are synced: all at once, or in steps
     * @param preservedFields annotations and labels of the generated Applications left as they are in the cluster
     * @param ignoreApplicationDifferences fields of the generated Applications left as they are in the cluster
     */
    public record Spec(boolean goTemplate, List<String> goTemplateOptions, List<Generator> generators,
            Template template, String templatePatch, SyncPolicy syncPolicy, Strategy strategy,
            PreservedFields preservedFields, List<IgnoreApplicationDifference> ignoreApplicationDifferences) {

        static Spec read(Node spec) {
            Node generators = spec.get("generators");
            if (!generators.present()) {
                generators.error("is required");
            }
            Node template = spec.get("template");
            if (!template.present()) {
                template.error("is required");
            }
            // Deprecated upstream, and ignored there: nested selectors always apply.
            spec.accepted("applyNestedSelectors");
            return new Spec(spec.get("goTemplate").bool(), spec.get("goTemplateOptions").list(
                    item -> item.oneOf(null, GO_TEMPLATE_OPTIONS.toArray(String[]::new))),
                    generators.list(item -> item.object(Generator::read)), template.object(Template::read),
                    spec.get("templatePatch").string(), spec.get("syncPolicy").object(SyncPolicy::read, SyncPolicy.DEFAULT),
                    spec.get("strategy").object(Strategy::read, Strategy.ALL_AT_ONCE),
                    spec.get("preservedFields").object(PreservedFields::read, PreservedFields.NONE),
                    spec.get("ignoreApplicationDifferences").list(item -> item.object(IgnoreApplicationDifference::read)));
        }
    }

    /**
     * The Application each parameter set becomes. Its values may hold placeholders, so its spec is kept
     * as written, checked only where placeholders cannot be: its shape, and the fields the CRD requires.
     *
     * @param spec the Application spec, as written
     */
    public record Template(TemplateMetadata metadata, Map<String, Object> spec) {
        /** The spec fields that are mappings, and those that are lists, placeholders or not. */
        private static final List<String> MAPPINGS = List.of("source", "destination", "syncPolicy", "sourceHydrator");
        private static final List<String> LISTS = List.of("sources", "ignoreDifferences", "info");

        static Template read(Node template) {
            Node metadata = template.get("metadata");
            Node spec = template.get("spec");
            for (Node required : List.of(metadata, spec)) {
                if (!required.present()) {
                    required.error("is required");
                }
            }
            Map<String, Object> fields = spec.freeform();
            if (spec.isMapping()) {
                for (String name : List.of("project", "destination")) {
                    if (fields.get(name) == null) {
                        spec.elsewhere(spec.path() + "." + name, null).error("is required");
                    }
                }
                MAPPINGS.forEach(name -> spec.elsewhere(spec.path() + "." + name, fields.get(name)).freeform());
                LISTS.forEach(name -> spec.elsewhere(spec.path() + "." + name, fields.get(name))
                        .list(Function.identity()));
            }
            return new Template(metadata.object(TemplateMetadata::read, TemplateMetadata.NONE), fields);
        }
    }

    /** The generated Application's metadata, as written (placeholders included). */
    public record TemplateMetadata(String name, String namespace, Map<String, String> labels,
            Map<String, String> annotations, List<String> finalizers) {
        static final TemplateMetadata NONE = new TemplateMetadata(null, null, Map.of(), Map.of(), List.of());

        static TemplateMetadata read(Node metadata) {
            return new TemplateMetadata(metadata.get("name").string(), metadata.get("namespace").string(),
                    metadata.get("labels").stringMap(), metadata.get("annotations").stringMap(),
                    metadata.get("finalizers").strings());
        }
    }

    /**
     * @param applicationsSync what the ApplicationSet may do to its Applications: create-only, create-update,
     *         create-delete or sync (create, update and delete: Argo CD's default)
     * @param preserveResourcesOnDeletion whether a generated Application deleted keeps its objects
     */
    public record SyncPolicy(String applicationsSync, boolean preserveResourcesOnDeletion) {
        static final SyncPolicy DEFAULT = new SyncPolicy("sync", false);

        static SyncPolicy read(Node syncPolicy) {
            return new SyncPolicy(syncPolicy.get("applicationsSync").oneOf("sync", "create-only", "create-update",
                    "create-delete", "sync"), syncPolicy.get("preserveResourcesOnDeletion").bool());
        }
    }

    /**
     * @param type AllAtOnce (Argo CD's default) or RollingSync: Applications synced step by step
     * @param steps the steps of a RollingSync, each selecting Applications by their labels
     * @param deletionOrder AllAtOnce (default) or Reverse: the steps in reverse order (RollingSync only)
     */
    public record Strategy(String type, List<Step> steps, String deletionOrder) {
        static final Strategy ALL_AT_ONCE = new Strategy("AllAtOnce", List.of(), "AllAtOnce");

        /**
         * @param matchExpressions the labels of the Applications of this step (operators In and NotIn)
         * @param maxUpdate how many of them sync at once: a number or a percentage; null: all of them
         */
        public record Step(List<LabelSelector.Requirement> matchExpressions, String maxUpdate) {

            static Step read(Node step) {
                Node maxUpdateField = step.get("maxUpdate");
                String maxUpdate = maxUpdateField.scalar();
                if (maxUpdate != null && !maxUpdate.matches("\\d+%?")) {
                    maxUpdateField.error("must be a number or a percentage such as 25%, not '" + maxUpdate + "'");
                }
                return new Step(step.get("matchExpressions").list(item -> item.object(
                        expression -> LabelSelector.Requirement.read(expression, "In", "NotIn"))), maxUpdate);
            }
        }

        static Strategy read(Node strategy) {
            String type = strategy.get("type").oneOf("AllAtOnce", "AllAtOnce", "RollingSync");
            Node orderField = strategy.get("deletionOrder");
            String order = orderField.oneOf("AllAtOnce", "AllAtOnce", "Reverse");
            if ("Reverse".equals(order) && !"RollingSync".equals(type)) {
                orderField.error("Reverse needs type RollingSync");
            }
            return new Strategy(type, strategy.get("rollingSync").get("steps").list(item -> item.object(Step::read)),
                    order);
        }
    }

    /** The annotations and labels of generated Applications that the ApplicationSet leaves as they are. */
    public record PreservedFields(List<String> annotations, List<String> labels) {
        static final PreservedFields NONE = new PreservedFields(List.of(), List.of());

        static PreservedFields read(Node preserved) {
            return new PreservedFields(preserved.get("annotations").strings(), preserved.get("labels").strings());
        }
    }

    /** Fields of the generated Application {@code name} (null: of every one) left as they are in the cluster. */
    public record IgnoreApplicationDifference(String name, List<String> jsonPointers, List<String> jqPathExpressions) {

        static IgnoreApplicationDifference read(Node entry) {
            return new IgnoreApplicationDifference(entry.get("name").string(),
                    IgnoreDifference.jsonPointers(entry.get("jsonPointers")),
                    entry.get("jqPathExpressions").strings());
        }
    }
}
