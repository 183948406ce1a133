package io.sluice.apply.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The ignoreDifferences rules that apply to one object, with its live state (whose managedFields some need). */
final class IgnoredFields {
    private final List<IgnoreRule> rules;
    private final JsonNode live;

    IgnoredFields(List<IgnoreRule> rules, JsonNode live) {
        this.rules = List.copyOf(rules);
        this.live = live;
    }

    boolean isEmpty() {
        return rules.isEmpty();
    }

    /** Removes the ignored fields from {@code doc} (the live object or the desired one), so they do not differ. */
    void removeFrom(JsonNode doc) {
        List<FieldPath> paths = new ArrayList<>(pathsIn(doc));
        paths.sort(FieldPath.REMOVAL_ORDER);
        paths.forEach(path -> path.removeFrom(doc));
    }

    /**
     * Gives the ignored fields of {@code desired} their live values (RespectIgnoreDifferences):
     * fields the live object has take its value; fields it lacks are left out of the apply.
     */
    void takeLiveValuesInto(JsonNode desired) {
        for (FieldPath path : pathsIn(live)) {
            JsonNode value = path.in(live);
            if (value != null) {
                path.set(desired, value);
            }
        }
        List<FieldPath> absent = new ArrayList<>(pathsIn(desired).stream().filter(p -> p.in(live) == null).toList());
        absent.sort(FieldPath.REMOVAL_ORDER);
        absent.forEach(path -> path.removeFrom(desired));
    }

    private Set<FieldPath> pathsIn(JsonNode doc) {
        Set<FieldPath> paths = new LinkedHashSet<>();
        rules.forEach(rule -> paths.addAll(rule.in(doc, live)));
        return paths;
    }
}
