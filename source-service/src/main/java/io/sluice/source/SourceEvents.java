package io.sluice.source;

import io.sluice.events.Event;
import io.sluice.api.ObjectRef;
import io.sluice.events.Topics;
import io.sluice.events.kafka.Publisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.logging.Logger;

/** Publishes the source-service's events on sluice.events, keyed by the involved object's id. */
@ApplicationScoped
public class SourceEvents {
    public static final String SERVICE = "source-service";
    private static final Logger LOG = Logger.getLogger(SourceEvents.class);

    private final Publisher publisher;

    @Inject
    public SourceEvents(Publisher publisher) {
        this.publisher = publisher;
    }

    public void info(ObjectRef about, String reason, String message, String revision) {
        send(Event.info(about, reason, message, revision, SERVICE));
    }

    public void error(ObjectRef about, String reason, String message, String revision) {
        send(Event.error(about, reason, message, revision, SERVICE));
    }

    /**
     * Says which fields of a document Sluice does not act on yet (never silently ignored), as a
     * warning and an info event; {@code context} names the document, e.g. "file.yaml: GitRepository ns/name".
     */
    public void unsupportedFields(ObjectRef about, String context, List<String> fields) {
        if (fields.isEmpty()) {
            return;
        }
        String message = context + ": " + String.join(", ", fields) + (fields.size() == 1 ? " is" : " are")
                + " not supported yet and ignored";
        LOG.warn(message);
        info(about, "UnsupportedField", message, null);
    }

    private void send(Event event) {
        try {
            publisher.send(Topics.EVENTS, event.involvedObject().id(), event);
        } catch (RuntimeException e) {
            // An event that cannot be sent must not stop the work it reports on; the log keeps it.
            LOG.errorf("cannot publish event %s for %s: %s", event.reason(), event.involvedObject().id(), e.getMessage());
        }
    }
}
