package io.sluice.image.update;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The changes in the shape of Flux's update.Result, as templates read them: {@code .FileChanges} (file,
 * then object, then changes), {@code .Changes} (each distinct change once) and {@code .Objects} (changes by
 * object, whatever the file).
 */
public record Changed(Map<String, Map<ObjectId, List<Change>>> fileChanges) {
    /** Flux's update.Change: {@code .OldValue}, {@code .NewValue}, {@code .Setter}. */
    public record Change(String oldValue, String newValue, String setter) {
    }

    public List<Change> changes() {
        LinkedHashSet<Change> distinct = new LinkedHashSet<>();
        fileChanges.values().forEach(objects -> objects.values().forEach(distinct::addAll));
        return new ArrayList<>(distinct);
    }

    public Map<ObjectId, List<Change>> objects() {
        Map<ObjectId, List<Change>> byObject = new LinkedHashMap<>();
        fileChanges.values().forEach(objects -> objects.forEach(
                (object, changes) -> byObject.computeIfAbsent(object, key -> new ArrayList<>()).addAll(changes)));
        return byObject;
    }
}
