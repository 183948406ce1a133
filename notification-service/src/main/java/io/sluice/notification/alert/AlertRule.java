package io.sluice.notification.alert;

import io.sluice.events.ConfigDocument;
import io.sluice.events.Event;
import io.sluice.api.ObjectRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Flux Alert (notification.toolkit.fluxcd.io/v1beta3): which events go to which Provider.
 * An event matches when an entry of spec.eventSources names its object (kind equal, name equal
 * or "*", namespace equal, defaulting to the Alert's), its severity passes spec.eventSeverity,
 * spec.inclusionList (when set) matches the message and no spec.exclusionList entry does.
 */
public record AlertRule(ObjectRef ref, ObjectRef provider, List<Source> sources, boolean errorsOnly,
        List<Pattern> inclusions, List<Pattern> exclusions, Map<String, String> eventMetadata, boolean suspend,
        List<String> problems) {

    public static final String API_VERSION = "notification.toolkit.fluxcd.io/v1beta3";

    /** One entry of spec.eventSources. */
    public record Source(String kind, String name, String namespace) {
        boolean names(ObjectRef object) {
            return kind.equals(object.kind())
                    && (name.equals("*") || name.equals(object.name()))
                    && namespace.equals(object.namespace() == null ? "" : object.namespace());
        }
    }

    public static AlertRule of(ConfigDocument document) {
        Map<String, Object> spec = document.spec();
        ObjectRef ref = document.ref();
        String namespace = ref.namespace() == null ? "" : ref.namespace();
        String where = (document.origin() == null ? ref.display() : document.origin()) + ": ";
        List<String> problems = new ArrayList<>();

        ObjectRef provider = null;
        if (spec.get("providerRef") instanceof Map<?, ?> providerRef && providerRef.get("name") instanceof String n) {
            provider = new ObjectRef(API_VERSION, "Provider", namespace, n);
        } else {
            problems.add(where + "spec.providerRef.name is required");
        }

        List<Source> sources = new ArrayList<>();
        List<?> entries = spec.get("eventSources") instanceof List<?> list ? list : List.of();
        for (int i = 0; i < entries.size(); i++) {
            String field = "spec.eventSources[" + i + "]";
            if (!(entries.get(i) instanceof Map<?, ?> entry) || !(entry.get("kind") instanceof String kind)
                    || !(entry.get("name") instanceof String name)) {
                problems.add(where + field + " needs a kind and a name");
                continue;
            }
            if (entry.containsKey("matchLabels")) {
                problems.add(where + field + ".matchLabels is not supported yet: ignored");
            }
            sources.add(new Source(kind, name,
                    entry.get("namespace") instanceof String ns && !ns.isBlank() ? ns : namespace));
        }
        if (sources.isEmpty()) {
            problems.add(where + "spec.eventSources is empty: the Alert matches no event");
        }

        return new AlertRule(ref, provider, List.copyOf(sources), "error".equals(spec.get("eventSeverity")),
                patterns(spec.get("inclusionList"), where + "spec.inclusionList", problems),
                patterns(spec.get("exclusionList"), where + "spec.exclusionList", problems),
                stringMap(spec.get("eventMetadata")), Boolean.TRUE.equals(spec.get("suspend")),
                List.copyOf(problems));
    }

    public boolean matches(Event event) {
        if (suspend || provider == null || errorsOnly && !Event.ERROR.equals(event.severity())) {
            return false;
        }
        String message = event.message() == null ? "" : event.message();
        return sources.stream().anyMatch(source -> source.names(event.involvedObject()))
                && (inclusions.isEmpty() || inclusions.stream().anyMatch(p -> p.matcher(message).find()))
                && exclusions.stream().noneMatch(p -> p.matcher(message).find());
    }

    private static List<Pattern> patterns(Object value, String field, List<String> problems) {
        List<Pattern> patterns = new ArrayList<>();
        if (value instanceof List<?> expressions) {
            for (Object expression : expressions) {
                try {
                    patterns.add(Pattern.compile(String.valueOf(expression)));
                } catch (PatternSyntaxException e) {
                    problems.add(field + ": '" + expression + "' is not a valid regular expression: ignored");
                }
            }
        }
        return List.copyOf(patterns);
    }

    private static Map<String, String> stringMap(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return Map.of();
        }
        Map<String, String> result = new java.util.LinkedHashMap<>();
        map.forEach((k, v) -> result.put(String.valueOf(k), String.valueOf(v)));
        return Map.copyOf(result);
    }
}
