package io.sluice.source.webhook;

import io.sluice.api.ObjectRef;
import io.sluice.api.notification.Receiver;
import io.sluice.api.read.ReadResult;
import io.sluice.events.ConfigDocument;
import java.util.Map;

/**
 * A Flux Receiver from sluice.config as the webhook endpoints serve it: its spec, or (a document
 * that does not read) the errors that make it unusable, each naming its field.
 */
record WebhookReceiver(ObjectRef ref, Map<String, Object> document, Receiver.Spec spec, String problem) {

    static WebhookReceiver of(ConfigDocument document) {
        ReadResult<Receiver> read = document.read(Receiver.KIND);
        return new WebhookReceiver(document.ref(), document.document(), read.valid() ? read.value().spec() : null,
                read.valid() ? null : String.join("; ", read.errorMessages()));
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
