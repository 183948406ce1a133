package io.sluice.notification.dispatch;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.api.ObjectRef;
import io.sluice.api.notification.Alert;
import io.sluice.api.notification.Provider;
import io.sluice.api.read.ReadResult;
import io.sluice.events.Event;
import io.sluice.events.Json;
import io.sluice.notification.ConfigKindView;
import io.sluice.notification.alert.AlertRule;
import io.sluice.notification.provider.FluxEventPayload;
import io.sluice.notification.provider.GenericWebhook;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Sends each event to the Provider of every Alert it matches. A Provider of a type Sluice does not
 * send yet is counted as unsupported, not warned about again: source-service reported it when it
 * read the Provider.
 */
public final class EventDispatcher implements Consumer<Event> {
    private static final Logger LOG = Logger.getLogger(EventDispatcher.class);

    private final ConfigKindView<Alert, AlertRule> alerts;
    private final ConfigKindView<Provider, ReadResult<Provider>> providers;
    private final GenericWebhook webhook;
    private final MeterRegistry meters;
    private final Duration maxEventAge;

    public EventDispatcher(ConfigKindView<Alert, AlertRule> alerts,
            ConfigKindView<Provider, ReadResult<Provider>> providers, GenericWebhook webhook, MeterRegistry meters,
            Duration maxEventAge) {
        this.alerts = alerts;
        this.providers = providers;
        this.webhook = webhook;
        this.meters = meters;
        this.maxEventAge = maxEventAge;
    }

    @Override
    public void accept(Event event) {
        if (event.involvedObject() == null) {
            throw new IllegalArgumentException("event without involvedObject: " + event);
        }
        if (event.time() != null && event.time().isBefore(Instant.now().minus(maxEventAge))) {
            // A first start reads the events topic from its beginning: old news is not worth a page.
            LOG.debugf("event %s about %s is older than %s: not sent", event.reason(),
                    event.involvedObject().display(), maxEventAge);
            return;
        }
        for (AlertRule alert : alerts.all()) {
            if (alert.matches(event)) {
                send(alert, event);
            }
        }
    }

    private void send(AlertRule alert, Event event) {
        String about = event.reason() + " about " + event.involvedObject().display();
        String name = name(alert.provider());
        ReadResult<Provider> read = providers.get(alert.provider());
        if (read == null || !read.valid()) {
            LOG.errorf("alert %s: provider %s %s: %s not sent", alert.ref().display(), name, read == null
                    ? "not found" : "cannot be used (" + String.join("; ", read.errorMessages()) + ")", about);
            count(name, "failed");
            return;
        }
        Provider provider = read.value();
        if (provider.spec().suspend()) {
            return;
        }
        if (!provider.spec().sent()) {
            count(name, "unsupported");
            return;
        }
        long start = System.nanoTime();
        GenericWebhook.Delivery delivery;
        try {
            delivery = webhook.post(provider, Json.write(FluxEventPayload.of(event, alert.eventMetadata())),
                    event.reportingService());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while notifying provider " + name, e);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (delivery.delivered()) {
            LOG.infof("notify %s of %s (alert %s): sent in %d ms", name, about, alert.ref().display(), millis);
            count(name, "sent");
        } else {
            LOG.errorf("notify %s of %s (alert %s): failed after %d attempts in %d ms: %s", name, about,
                    alert.ref().display(), delivery.attempts(), millis, delivery.failure());
            count(name, "failed");
        }
    }

    /** {@code namespace/name}, as the metrics and logs name a provider. */
    private static String name(ObjectRef provider) {
        return provider.namespace() + "/" + provider.name();
    }

    private void count(String provider, String outcome) {
        meters.counter("sluice.notification.sent", "provider", provider, "outcome", outcome).increment();
    }
}
