package io.sluice.source;

import io.sluice.api.ObjectRef;
import io.sluice.events.Event;
import io.sluice.events.Topics;
import io.sluice.events.kafka.MessageSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Publishes the source-service's events on sluice.events, keyed by the involved object's id. */
@ApplicationScoped
public class SourceEvents {
    public static final String SERVICE = "source-service";
    private static final Logger LOG = Logger.getLogger(SourceEvents.class);

    private final MessageSink sink;

    @Inject
    public SourceEvents(MessageSink sink) {
        this.sink = sink;
    }

    public void info(ObjectRef about, String reason, String message, String revision) {
        send(Event.info(about, reason, message, revision, SERVICE));
    }

    public void error(ObjectRef about, String reason, String message, String revision) {
        send(Event.error(about, reason, message, revision, SERVICE));
    }

    private void send(Event event) {
        try {
            sink.send(Topics.EVENTS, event.involvedObject().id(), event);
        } catch (RuntimeException e) {
            // An event that cannot be sent must not stop the work it reports on; the log keeps it.
            LOG.errorf("cannot publish event %s for %s: %s", event.reason(), event.involvedObject().id(), e.getMessage());
        }
    }
}
