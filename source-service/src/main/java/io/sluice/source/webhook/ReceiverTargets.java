package io.sluice.source.webhook;

import io.sluice.api.ApiGroups;
import io.sluice.api.Kinds;
import io.sluice.api.ObjectRef;
import io.sluice.api.Resource;
import io.sluice.api.notification.ObjectSelector;
import io.sluice.api.read.Origin;
import io.sluice.api.read.ReadResult;
import io.sluice.events.ConfigDocument;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The sources a Receiver's {@code spec.resources} name, looked up on sluice.config: by name, or every
 * object of the kind in the namespace whose labels match ({@code name: "*"}). What cannot be
 * reconciled (not found, not a source) is listed as a problem instead.
 */
record ReceiverTargets(List<ObjectRef> sources, List<String> problems) {

    static ReceiverTargets of(WebhookReceiver receiver, Map<String, ConfigDocument> config) {
        List<ObjectRef> sources = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ObjectSelector resource : receiver.spec().resources()) {
            ObjectRef ref = resource.ref();
            // Only sources take reconcile-now commands on sluice.source.commands.
            if (!ApiGroups.SOURCE.equals(ref.group())) {
                problems.add(ref.display() + " is not a " + ApiGroups.SOURCE + " kind and cannot be reconciled yet");
            } else if (resource.anyName()) {
                List<ObjectRef> matching = config.values().stream()
                        .filter(document -> sameKind(document.ref(), ref) && labelled(document, resource.matchLabels()))
                        .map(ConfigDocument::ref).sorted(Comparator.comparing(ObjectRef::id)).toList();
                if (matching.isEmpty()) {
                    problems.add("no " + ref.kind() + " in namespace " + ref.namespace() + " has the labels "
                            + resource.matchLabels());
                }
                sources.addAll(matching);
            } else if (config.containsKey(ref.id())) {
                sources.add(config.get(ref.id()).ref());
            } else {
                problems.add(ref.display() + " not found");
            }
        }
        return new ReceiverTargets(sources.stream().distinct().toList(), List.copyOf(problems));
    }

    private static boolean sameKind(ObjectRef candidate, ObjectRef wanted) {
        return candidate.group().equals(wanted.group()) && candidate.kind().equals(wanted.kind())
                && wanted.namespace().equals(candidate.namespace());
    }

    /** Whether the document has every label {@code wanted}; one that does not read has none. */
    private static boolean labelled(ConfigDocument document, Map<String, String> wanted) {
        ReadResult<? extends Resource> read = Kinds.read(document.document(), Origin.of(document.origin()));
        Map<String, String> labels = read.valid() ? read.value().metadata().labels() : Map.of();
        return wanted.entrySet().stream().allMatch(label -> label.getValue().equals(labels.get(label.getKey())));
    }
}
