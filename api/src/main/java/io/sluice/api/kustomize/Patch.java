package io.sluice.api.kustomize;

import io.sluice.api.read.Node;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An inline kustomize patch, strategic merge or JSON6902, and the objects it applies to (every
 * object when {@code target} is empty): Flux's Kustomization {@code patches}, HelmRelease
 * post-renderer patches and Argo CD's {@code kustomize.patches} are all this.
 *
 * @param target kustomize's selector fields ({@link #SELECTOR_FIELDS}) as written
 */
public record Patch(String patch, Map<String, String> target) {
    /** The fields of a kustomize patch target. */
    public static final List<String> SELECTOR_FIELDS = List.of("group", "version", "kind", "name", "namespace",
            "labelSelector", "annotationSelector");

    public static Patch read(Node item) {
        String patch = item.get("patch").requiredString();
        Map<String, String> target = new LinkedHashMap<>();
        Node targetField = item.get("target");
        if (targetField.present()) {
            for (String field : SELECTOR_FIELDS) {
                String selector = targetField.get(field).string();
                if (selector != null) {
                    target.put(field, selector);
                }
            }
        }
        return new Patch(patch, Map.copyOf(target));
    }
}
