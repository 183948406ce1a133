package io.sluice.render.argo;

import io.sluice.events.ConfigDocument;
import io.sluice.api.ObjectRef;
import io.sluice.render.kustomization.SpecFields;
import io.sluice.render.reconcile.AppSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What render needs from an Argo CD Application (argoproj.io/v1alpha1): its sources
 * ({@code spec.source}, or {@code spec.sources} for a multi-source Application, whose objects are
 * concatenated), the destination namespace Helm renders into, and the fields it cannot honour yet.
 */
public record ArgoApplication(ObjectRef ref, String origin, String destinationNamespace, List<ArgoSource> sources,
        List<String> unsupportedFields, List<String> errors) implements AppSpec {

    private static final String KEY_PREFIX = "argoproj.io/Application/";

    /** Whether a key of the config topic names an Argo CD Application. */
    public static boolean isApplication(String configKey) {
        return configKey.startsWith(KEY_PREFIX);
    }

    public static ArgoApplication of(ConfigDocument document) {
        Map<String, Object> spec = document.spec();
        String origin = document.origin() == null ? document.ref().display() : document.origin();
        List<String> errors = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        SpecFields fields = new SpecFields(origin, errors);
        List<ArgoSource> sources = new ArrayList<>();
        if (spec.get("sources") instanceof List<?> list && !list.isEmpty()) {
            // Argo CD reads spec.sources alone when it is set.
            sources.addAll(fields.eachObject(list, "spec.sources",
                    (source, field) -> ArgoSource.read(source, field, fields, unsupported)));
        } else if (spec.get("source") instanceof Map<?, ?>) {
            sources.add(ArgoSource.read(fields.object(spec.get("source"), "spec.source"), "spec.source", fields,
                    unsupported));
        } else {
            errors.add(origin + ": spec.source or spec.sources is required");
        }
        Map<String, Object> destination = fields.object(spec.get("destination"), "spec.destination");
        String namespace = fields.text(destination.get("namespace"), "spec.destination.namespace");
        return new ArgoApplication(document.ref(), origin, namespace == null ? "" : namespace, List.copyOf(sources),
                List.copyOf(unsupported), List.copyOf(errors));
    }

    /** The sources whose artifacts the Application renders from, in order (reference-only ones included). */
    public List<String> sourceIds() {
        return sources.stream().map(ArgoSource::sourceId).filter(id -> id != null).distinct().toList();
    }

    /** The first source: what the bundle names as its source. */
    @Override
    public String sourceId() {
        return sources.isEmpty() ? null : sources.get(0).sourceId();
    }

    /** Argo CD has no suspend: automated sync is the apply stage's business, rendering always runs. */
    @Override
    public boolean suspend() {
        return false;
    }
}
