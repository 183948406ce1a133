package io.sluice.notification.alert;

import io.sluice.api.ObjectRef;
import io.sluice.api.meta.GoRegex;
import io.sluice.api.notification.Alert;
import io.sluice.api.notification.ObjectSelector;
import io.sluice.api.notification.Provider;
import io.sluice.api.read.ReadResult;
import io.sluice.events.Event;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Flux Alert made ready to match events: an event matches when an entry of eventSources names its
 * object (kind equal, name equal or "*", namespace equal; matchLabels cannot be checked, events carry
 * no labels), its severity passes eventSeverity, an inclusionList entry (when there are any) matches
 * its message and no exclusionList entry does. The expressions, checked when the Alert was read,
 * are compiled once here. {@code problems} are the Alert's errors and warnings, as GET /api/alerts
 * lists them; an Alert with errors has no provider and matches nothing.
 */
public record AlertRule(ObjectRef ref, ObjectRef provider, List<ObjectSelector> sources, boolean errorsOnly,
        List<Pattern> inclusions, List<Pattern> exclusions, Map<String, String> eventMetadata, boolean suspend,
        List<String> problems) {

    public static AlertRule of(ReadResult<Alert> read) {
        List<String> problems = read.problems().stream().map(read::describe).toList();
        if (!read.valid()) {
            return new AlertRule(read.ref(), null, List.of(), false, List.of(), List.of(), Map.of(), false, problems);
        }
        Alert alert = read.value();
        Alert.Spec spec = alert.spec();
        return new AlertRule(alert.ref(), Provider.KIND.ref(alert.metadata().namespace(), spec.providerRef().name()),
                spec.eventSources(), spec.errorsOnly(), compiled(spec.inclusionList()),
                compiled(spec.exclusionList()), spec.eventMetadata(), spec.suspend(), problems);
    }

    public boolean matches(Event event) {
        if (suspend || provider == null || errorsOnly && !Event.ERROR.equals(event.severity())) {
            return false;
        }
        String message = event.message() == null ? "" : event.message();
        return sources.stream().anyMatch(source -> names(source, event.involvedObject()))
                && (inclusions.isEmpty() || inclusions.stream().anyMatch(p -> p.matcher(message).find()))
                && exclusions.stream().noneMatch(p -> p.matcher(message).find());
    }

    private static boolean names(ObjectSelector source, ObjectRef object) {
        return source.kind().equals(object.kind())
                && (source.anyName() || source.name().equals(object.name()))
                && source.namespace().equals(object.namespace());
    }

    private static List<Pattern> compiled(List<GoRegex> expressions) {
        return expressions.stream().map(GoRegex::pattern).toList();
    }
}
