package io.sluice.apply.app;

import io.sluice.events.ConfigDocument;
import io.sluice.api.ObjectRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the fields of {@link Readiness} from an application's document: Flux's spec.dependsOn and
 * spec.healthChecks, Argo CD's spec.syncPolicy.retry, and the annotation {@value #DEPENDS_ON} by
 * which an Argo CD Application names the Applications it waits for.
 */
final class ReadinessFields {
    /**
     * On an Argo CD Application: comma-separated {@code namespace/name} (or {@code name}, in the
     * Application's own namespace) of other Applications that must be Ready before it is applied.
     */
    static final String DEPENDS_ON = "sluice.io/depends-on";
    /** Argo CD's defaults of syncPolicy.retry.backoff. */
    static final Duration ARGO_BACKOFF_DURATION = Duration.ofSeconds(5);
    static final int ARGO_BACKOFF_FACTOR = 2;
    static final Duration ARGO_BACKOFF_MAX = Duration.ofMinutes(3);

    private ReadinessFields() {
    }

    /** Flux's spec.dependsOn: [{name, namespace}] of the same kind; the namespace defaults to the document's. */
    static List<ObjectRef> fluxDependsOn(SpecFields spec, ConfigDocument doc) {
        List<ObjectRef> refs = new ArrayList<>();
        List<Map<?, ?>> entries = maps(spec, "dependsOn");
        for (int i = 0; i < entries.size(); i++) {
            String field = "dependsOn[" + i + "]";
            String name = text(spec, entries.get(i), field, "name", true);
            String namespace = text(spec, entries.get(i), field, "namespace", false);
            refs.add(new ObjectRef(doc.ref().apiVersion(), doc.ref().kind(),
                    namespace == null ? doc.ref().namespace() : namespace, name));
        }
        return refs;
    }

    /** Flux's spec.healthChecks: [{apiVersion, kind, name, namespace}]; no namespace: cluster-scoped. */
    static List<ObjectRef> healthChecks(SpecFields spec) {
        List<ObjectRef> refs = new ArrayList<>();
        List<Map<?, ?>> entries = maps(spec, "healthChecks");
        for (int i = 0; i < entries.size(); i++) {
            String field = "healthChecks[" + i + "]";
            Map<?, ?> entry = entries.get(i);
            refs.add(new ObjectRef(text(spec, entry, field, "apiVersion", true), text(spec, entry, field, "kind", true),
                    text(spec, entry, field, "namespace", false), text(spec, entry, field, "name", true)));
        }
        return refs;
    }

    /** The Applications named by the annotation {@value #DEPENDS_ON}; none without it. */
    static List<ObjectRef> argoDependsOn(SpecFields spec, ConfigDocument doc) {
        Object metadata = doc.document().get("metadata");
        Object annotations = metadata instanceof Map<?, ?> m ? m.get("annotations") : null;
        Object value = annotations instanceof Map<?, ?> a ? a.get(DEPENDS_ON) : null;
        if (value == null) {
            return List.of();
        }
        List<ObjectRef> refs = new ArrayList<>();
        for (String item : value.toString().split(",")) {
            String[] parts = item.trim().split("/");
            if (item.isBlank() || parts.length > 2 || parts[parts.length - 1].isBlank()) {
                throw new IllegalArgumentException(doc.origin() + ": " + doc.ref().display() + ": metadata.annotations."
                        + DEPENDS_ON + " '" + value + "' must list namespace/name or name, separated by commas");
            }
            refs.add(new ObjectRef(doc.ref().apiVersion(), doc.ref().kind(),
                    parts.length == 2 ? parts[0] : doc.ref().namespace(), parts[parts.length - 1]));
        }
        return refs;
    }

    /** Argo CD's spec.syncPolicy.retry; null without it. */
    static Readiness.RetryPolicy argoRetry(SpecFields spec) {
        if (spec.at("syncPolicy.retry") == null) {
            return null;
        }
        // As in Argo CD, a retry without a limit retries nothing; a negative limit retries for ever.
        int limit = integer(spec, "syncPolicy.retry.limit", 0);
        int factor = integer(spec, "syncPolicy.retry.backoff.factor", ARGO_BACKOFF_FACTOR);
        if (factor < 1) {
            throw spec.invalid("syncPolicy.retry.backoff.factor", "must be 1 or more, not " + factor);
        }
        return new Readiness.RetryPolicy(limit, factor,
                spec.duration("syncPolicy.retry.backoff.maxDuration", ARGO_BACKOFF_MAX));
    }

    private static int integer(SpecFields spec, String path, int absent) {
        Object value = spec.at(path);
        if (value == null) {
            return absent;
        }
        if (value instanceof Number n && n.doubleValue() == n.intValue()) {
            return n.intValue();
        }
        throw spec.invalid(path, "must be a whole number, not '" + value + "'");
    }

    private static List<Map<?, ?>> maps(SpecFields spec, String path) {
        Object value = spec.at(path);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list && list.stream().allMatch(Map.class::isInstance)) {
            return list.stream().<Map<?, ?>>map(e -> (Map<?, ?>) e).toList();
        }
        throw spec.invalid(path, "must be a list of maps, not '" + value + "'");
    }

    private static String text(SpecFields spec, Map<?, ?> entry, String field, String key, boolean required) {
        Object value = entry.get(key);
        if (value instanceof String s && !s.isBlank()) {
            return s;
        }
        if (value == null && !required) {
            return null;
        }
        throw spec.invalid(field + "." + key, value == null ? "is required" : "must be a string, not '" + value + "'");
    }
}
