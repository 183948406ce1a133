package io.sluice.apply.diff;

import java.util.List;

/**
 * Which differences between the bundle and the cluster do not count (Argo CD's
 * spec.ignoreDifferences; Flux has none: its objects opt out by annotation). Ignored fields are
 * neither drift nor OutOfSync, and self-heal does not correct them; a sync that writes the object
 * for another reason applies Git's value, as Argo CD does, unless RespectIgnoreDifferences keeps the
 * live one. Only out-of-sync objects are ever written (Argo CD's ApplyOutOfSyncOnly, always on).
 *
 * @param respectIgnoreDifferences whether ignored fields keep their live values when the object is applied
 * @param ignoreDifferences the rules, in the order of the spec
 */
public record DiffOptions(boolean respectIgnoreDifferences, List<IgnoreRule> ignoreDifferences) {
    public static final DiffOptions NONE = new DiffOptions(false, List.of());

    public DiffOptions {
        ignoreDifferences = List.copyOf(ignoreDifferences);
    }

    /** The rules about the object of this apiVersion, kind, namespace and name. */
    List<IgnoreRule> rulesFor(String apiVersion, String kind, String namespace, String name) {
        String group = apiVersion == null || !apiVersion.contains("/") ? ""
                : apiVersion.substring(0, apiVersion.indexOf('/'));
        return ignoreDifferences.stream().filter(rule -> rule.matches(group, kind, namespace, name)).toList();
    }
}
