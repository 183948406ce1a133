package io.sluice.image.status;

import io.sluice.api.ObjectRef;
import io.sluice.events.Event;
import io.sluice.events.ImageStatus;
import io.sluice.events.Message;
import io.sluice.events.Topics;
import io.sluice.events.kafka.MessageSink;
import io.sluice.events.kafka.TopicView;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Says where an image object stands: its {@link ImageStatus} on sluice.image.status after every
 * attempt (the CLI and a new owner read it there), and an event on sluice.events when the outcome
 * differs from the last one announced, so an alert fires once per change, not once per interval.
 */
public final class ImageReports {
    public static final String SERVICE = "image-service";
    private static final Logger LOG = Logger.getLogger(ImageReports.class);

    private final MessageSink sink;
    private final TopicView<ImageStatus> published;
    /**
     * What was last announced per object (reason and message) and per object and kind of event
     * ({@code id#what}), so only changes are announced.
     */
    private final Map<String, String> announced = new ConcurrentHashMap<>();

    public ImageReports(MessageSink sink, TopicView<ImageStatus> published) {
        this.sink = sink;
        this.published = published;
    }

    /** The status last published of {@code id} (by this instance or the one that owned it before); null if none. */
    public ImageStatus published(String id) {
        return published.get(id);
    }

    /** Publishes {@code status} and, when its outcome changed, an event (info when ready, error otherwise). */
    public void report(ImageStatus status, String revision) {
        String id = status.ref().id();
        send(Topics.IMAGE_STATUS, id, status);
        String outcome = status.reason() + ": " + status.message();
        if (!outcome.equals(announced.put(id, outcome))) {
            Event event = status.ready()
                    ? Event.info(status.ref(), status.reason(), status.message(), revision, SERVICE)
                    : Event.error(status.ref(), status.reason(), status.message(), revision, SERVICE);
            send(Topics.EVENTS, id, event);
        }
    }

    /**
     * Announces {@code events} about {@code ref} (such as the problems a run found in files) when they
     * differ from those last announced under {@code what}, not at every run.
     */
    public void announceChanged(ObjectRef ref, String what, List<Event> events) {
        String said = events.stream().map(Event::message).reduce("", (a, b) -> a + "\n" + b);
        if (!said.equals(announced.getOrDefault(ref.id() + "#" + what, ""))) {
            announced.put(ref.id() + "#" + what, said);
            events.forEach(event -> send(Topics.EVENTS, event.involvedObject().id(), event));
        }
    }

    /** The object is gone: its status is removed and what was announced of it forgotten. */
    public void forget(ObjectRef ref) {
        announced.keySet().removeIf(key -> key.equals(ref.id()) || key.startsWith(ref.id() + "#"));
        try {
            sink.tombstone(Topics.IMAGE_STATUS, ref.id());
        } catch (RuntimeException e) {
            LOG.errorf("cannot remove the status of %s: %s", ref.display(), e.getMessage());
        }
    }

    private void send(String topic, String key, Message message) {
        try {
            sink.send(topic, key, message);
        } catch (RuntimeException e) {
            LOG.errorf("cannot publish to %s about %s: %s", topic, key, e.getMessage());
        }
    }
}
