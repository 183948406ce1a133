package io.sluice.source.webhook;

import static io.sluice.source.config.DocumentFields.at;

import io.sluice.events.ConfigDocument;
import io.sluice.api.ObjectRef;
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
    /** Only sources take reconcile-now commands on sluice.source.commands. */
    static final String SOURCE_GROUP = "source.toolkit.fluxcd.io";

    static boolean reconcilable(ReceiverResource resource) {
        return SOURCE_GROUP.equals(resource.ref("").group());
    }

    static ReceiverTargets of(Receiver receiver, Map<String, ConfigDocument> config) {
        List<ObjectRef> sources = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ReceiverResource resource : receiver.spec().resources()) {
            ObjectRef ref = resource.ref(receiver.ref().namespace());
            if (!reconcilable(resource)) {
                problems.add(ref.display() + " is not a " + SOURCE_GROUP + " kind and cannot be reconciled yet");
            } else if (ReceiverResource.ANY_NAME.equals(resource.name())) {
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

    private static boolean labelled(ConfigDocument document, Map<String, String> wanted) {
        Object labels = at(document.document(), "metadata.labels");
        Map<?, ?> actual = labels instanceof Map<?, ?> map ? map : Map.of();
        return wanted.entrySet().stream()
                .allMatch(label -> label.getValue().equals(String.valueOf(actual.get(label.getKey()))));
    }
}
