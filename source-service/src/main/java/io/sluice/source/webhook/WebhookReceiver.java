package io.sluice.source.webhook;

import io.sluice.events.ConfigDocument;
import io.sluice.api.ObjectRef;
import io.sluice.source.config.InvalidFieldException;
import java.util.Map;

/** One Receiver document from sluice.config: its spec, or the problem (naming the field) that makes it unusable. */
record Receiver(ObjectRef ref, String origin, Map<String, Object> document, ReceiverSpec spec, String problem) {

    static Receiver of(ConfigDocument document) {
        try {
            return new Receiver(document.ref(), document.origin(), document.document(),
                    ReceiverSpec.parse(document.document()), null);
        } catch (InvalidFieldException e) {
            return new Receiver(document.ref(), document.origin(), document.document(), null, e.getMessage());
        }
    }

    /** "flux-system/github-receiver": the receiver tag of the webhook metrics. */
    String label() {
        return ref.namespace() + "/" + ref.name();
    }

    /** "Receiver flux-system/github-receiver", as logs and messages name it. */
    String display() {
        return ref.kind() + " " + label();
    }
}
