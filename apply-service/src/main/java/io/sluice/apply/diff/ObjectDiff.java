package io.sluice.apply.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.DiffFlags;
import com.flipkart.zjsonpatch.JsonDiff;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Compares two states of one Kubernetes object, leaving out what the API server owns: the
 * metadata it generates and the status. Fields that other managers own and Sluice does not set
 * need no special care here, because the desired state compared is the live object after a
 * server-side dry-run apply, which keeps them as they are.
 *
 * <p>Fields that an application's ignoreDifferences names are left out of the comparison too
 * ({@link DiffOptions}).
 *
 * <p>The differences are JSON pointers, never values: the object may be a Secret, and its values
 * must not reach a status, an event or a log.
 */
@ApplicationScoped
public class ObjectDiff {
    private static final List<String> SERVER_METADATA = List.of("uid", "resourceVersion", "generation",
            "creationTimestamp", "managedFields", "selfLink");
    /** Plain add/remove/replace operations, so each names the pointer that differs, without values. */
    private static final EnumSet<DiffFlags> POINTERS_ONLY = EnumSet.of(DiffFlags.OMIT_VALUE_ON_REMOVE,
            DiffFlags.OMIT_MOVE_OPERATION, DiffFlags.OMIT_COPY_OPERATION);

    private final KubernetesSerialization serialization;

    ObjectDiff(KubernetesClient client) {
        this.serialization = client.getKubernetesSerialization();
    }

    /** The JSON pointers at which {@code desired} differs from {@code live}, each once; empty when they agree. */
    public List<String> differences(GenericKubernetesResource live, GenericKubernetesResource desired) {
        return differences(live, desired, DiffOptions.NONE);
    }

    /**
     * The same, leaving out the fields that {@code options} ignores for this object: they are
     * removed from both sides, so a change there is never a difference.
     */
    public List<String> differences(GenericKubernetesResource live, GenericKubernetesResource desired,
            DiffOptions options) {
        JsonNode liveTree = tree(live);
        IgnoredFields ignored = ignoredFields(options, live, liveTree);
        JsonNode before = normalised(liveTree.deepCopy());
        JsonNode after = normalised(tree(desired));
        ignored.removeFrom(before);
        ignored.removeFrom(after);
        List<String> pointers = new ArrayList<>();
        for (JsonNode operation : JsonDiff.asJson(before, after, POINTERS_ONLY)) {
            String pointer = operation.path("path").asText();
            if (!pointers.contains(pointer)) {
                pointers.add(pointer);
            }
        }
        return List.copyOf(pointers);
    }

    /**
     * What to apply of {@code desired} when the object exists as {@code live}: with
     * RespectIgnoreDifferences, its ignored fields take their live values (and are left out where
     * the live object has none), so applying it leaves them as they are; otherwise {@code desired} itself.
     */
    public GenericKubernetesResource respectingIgnored(GenericKubernetesResource desired,
            GenericKubernetesResource live, DiffOptions options) {
        if (!options.respectIgnoreDifferences()) {
            return desired;
        }
        JsonNode liveTree = tree(live);
        IgnoredFields ignored = ignoredFields(options, live, liveTree);
        if (ignored.isEmpty()) {
            return desired;
        }
        JsonNode kept = tree(desired);
        ignored.takeLiveValuesInto(kept);
        return serialization.convertValue(kept, GenericKubernetesResource.class);
    }

    private static IgnoredFields ignoredFields(DiffOptions options, GenericKubernetesResource live, JsonNode liveTree) {
        String namespace = live.getMetadata() == null ? null : live.getMetadata().getNamespace();
        String name = live.getMetadata() == null ? null : live.getMetadata().getName();
        return new IgnoredFields(options.rulesFor(live.getApiVersion(), live.getKind(), namespace, name), liveTree);
    }

    private JsonNode tree(GenericKubernetesResource object) {
        return serialization.convertValue(object, JsonNode.class);
    }

    /** {@code tree} without what the API server owns. */
    private static JsonNode normalised(JsonNode tree) {
        if (tree instanceof ObjectNode root) {
            root.remove("status");
            if (root.get("metadata") instanceof ObjectNode metadata) {
                metadata.remove(SERVER_METADATA);
            }
        }
        return tree;
    }
}
