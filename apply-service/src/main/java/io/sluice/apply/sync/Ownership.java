package io.sluice.apply.sync;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.sluice.api.ObjectRef;
import io.sluice.api.SluiceMarks;
import java.util.HashMap;
import java.util.Map;

/**
 * The marks Sluice puts on every object it applies, and the checks prune makes on them: an
 * object is pruned only when its live annotation names the very application pruning it.
 */
public final class Ownership {

    static void mark(HasMetadata object, ObjectRef app, String appId) {
        ObjectMeta meta = object.getMetadata();
        Map<String, String> labels = meta.getLabels() == null ? new HashMap<>() : new HashMap<>(meta.getLabels());
        labels.put(SluiceMarks.APP_NAME_LABEL, app.name());
        labels.put(SluiceMarks.APP_NAMESPACE_LABEL, app.namespace());
        meta.setLabels(labels);
        Map<String, String> annotations = meta.getAnnotations() == null ? new HashMap<>()
                : new HashMap<>(meta.getAnnotations());
        annotations.put(SluiceMarks.APP_ANNOTATION, appId);
        meta.setAnnotations(annotations);
    }

    static boolean appliedBy(HasMetadata live, String appId) {
        return appId.equals(annotation(live, SluiceMarks.APP_ANNOTATION));
    }

    private static String annotation(HasMetadata live, String name) {
        Map<String, String> annotations = live.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(name);
    }

    private Ownership() {
    }
}
