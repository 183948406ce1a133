package io.sluice.source.webhook;

import io.sluice.api.ObjectRef;
import io.sluice.events.SourceCommand;
import io.sluice.events.Topics;
import io.sluice.events.kafka.MessageSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Asks for sources to be reconciled now: one command per source on sluice.source.commands, keyed by
 * the source id, so that the instance that owns the source's partition polls it. A command's time is
 * when the webhook arrived, and its record carries the webhook's trace context (the HTTP server
 * span, current while the request is handled): a commit the poll finds is timed and traced from it.
 */
@ApplicationScoped
public class ReconcileRequests {
    private static final Logger LOG = Logger.getLogger(ReconcileRequests.class);

    private final MessageSink sink;

    @Inject
    public ReconcileRequests(MessageSink sink) {
        this.sink = sink;
    }

    /**
     * Returns the ids asked for, once the broker has stored every command; a broker failure asks the
     * sender to retry. {@code arrived} is when the webhook arrived.
     */
    List<String> send(List<ObjectRef> sources, String requestedBy, Instant arrived) throws WebhookRejection {
        try {
            for (ObjectRef source : sources) {
                sink.send(Topics.SOURCE_COMMANDS, source.id(),
                        SourceCommand.reconcile(source.id(), requestedBy, arrived));
            }
        } catch (RuntimeException e) {
            LOG.errorf("cannot publish the reconcile commands requested by %s: %s", requestedBy, e.getMessage());
            throw new WebhookRejection(WebhookOutcome.UNAVAILABLE, "cannot publish reconcile commands; try again");
        }
        return sources.stream().map(ObjectRef::id).toList();
    }
}
