package io.sluice.apply.sync;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.sluice.api.ObjectRef;
import java.util.HashMap;
import java.util.Map;

/**
 * The marks Sluice puts on every object it applies, and the checks prune makes on them: an
 * object is pruned only when its live annotation names the very application pruning it.
 */
public final class Ownership {
    public static final String FIELD_MANAGER = "sluice";
    public static final String APP_NAME_LABEL = "sluice.io/app-name";
    public static final String APP_NAMESPACE_LABEL = "sluice.io/app-namespace";
    /** The full application id: labels are limited to 63 characters, annotations are not. */
    public static final String APP_ANNOTATION = "sluice.io/app";

    static void mark(HasMetadata object, ObjectRef app, String appId) {
        ObjectMeta meta = object.getMetadata();
        Map<String, String> labels = meta.getLabels() == null ? new HashMap<>() : new HashMap<>(meta.getLabels());
        labels.put(APP_NAME_LABEL, app.name());
        labels.put(APP_NAMESPACE_LABEL, app.namespace());
        meta.setLabels(labels);
        Map<String, String> annotations = meta.getAnnotations() == null ? new HashMap<>()
                : new HashMap<>(meta.getAnnotations());
        annotations.put(APP_ANNOTATION, appId);
        meta.setAnnotations(annotations);
    }

    static boolean appliedBy(HasMetadata live, String appId) {
        return appId.equals(annotation(live, APP_ANNOTATION));
    }

    private static String annotation(HasMetadata live, String name) {
        Map<String, String> annotations = live.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(name);
    }

    private Ownership() {
    }
}
