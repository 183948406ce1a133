package io.sluice.notification.dispatch;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.events.ConfigDocument;
import io.sluice.events.Event;
import io.sluice.events.Json;
import io.sluice.notification.alert.AlertRule;
import io.sluice.notification.alert.Alerts;
import io.sluice.notification.provider.FluxEventPayload;
import io.sluice.notification.provider.GenericWebhook;
import io.sluice.notification.provider.ProviderSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jboss.logging.Logger;

/** Sends each event to the Provider of every Alert it matches. */
public final class EventDispatcher implements Consumer<Event> {
    private static final Logger LOG = Logger.getLogger(EventDispatcher.class);

    private final Alerts alerts;
    private final Function<String, ConfigDocument> configs;
    private final GenericWebhook webhook;
    private final MeterRegistry meters;
    private final Duration maxEventAge;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    public EventDispatcher(Alerts alerts, Function<String, ConfigDocument> configs, GenericWebhook webhook,
            MeterRegistry meters, Duration maxEventAge) {
        this.alerts = alerts;
        this.configs = configs;
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
        for (AlertRule alert : alerts.matching(event)) {
            ConfigDocument document = configs.apply(alert.provider().id());
            if (document == null) {
                LOG.errorf("alert %s: provider %s not found: %s about %s not sent", alert.ref().display(),
                        alert.provider().display(), event.reason(), event.involvedObject().display());
                count(alert.provider().namespace() + "/" + alert.provider().name(), "failed");
                continue;
            }
            ProviderSpec provider = ProviderSpec.of(document);
            if (!provider.suspend()) {
                deliver(alert, provider, event);
            }
        }
    }

    private void deliver(AlertRule alert, ProviderSpec provider, Event event) {
        if (!ProviderSpec.GENERIC.equals(provider.type())) {
            if (warned.add(provider.ref().id() + "|type|" + provider.type())) {
                LOG.warnf("provider %s: provider type %s not supported yet: its alerts are not sent",
                        provider.name(), provider.type());
            }
            count(provider.name(), "unsupported");
            return;
        }
        if (!provider.unsupportedFields().isEmpty()
                && warned.add(provider.ref().id() + "|fields|" + provider.unsupportedFields())) {
            LOG.warnf("provider %s: %s not supported yet: ignored", provider.name(),
                    String.join(", ", provider.unsupportedFields()));
        }
        String about = event.reason() + " about " + event.involvedObject().display();
        if (provider.address() == null) {
            LOG.errorf("provider %s: spec.address is required: %s not sent", provider.name(), about);
            count(provider.name(), "failed");
            return;
        }
        long start = System.nanoTime();
        GenericWebhook.Delivery delivery;
        try {
            delivery = webhook.post(provider.address(),
                    Json.write(FluxEventPayload.of(event, alert.eventMetadata())), event.reportingService());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while notifying provider " + provider.name(), e);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (delivery.delivered()) {
            LOG.infof("notify %s of %s (alert %s): sent in %d ms", provider.name(), about, alert.ref().display(),
                    millis);
            count(provider.name(), "sent");
        } else {
            LOG.errorf("notify %s of %s (alert %s): failed after %d attempts in %d ms: %s", provider.name(), about,
                    alert.ref().display(), delivery.attempts(), millis, delivery.failure());
            count(provider.name(), "failed");
        }
    }

    private void count(String provider, String outcome) {
        meters.counter("sluice.notification.sent", "provider", provider, "outcome", outcome).increment();
    }
}
