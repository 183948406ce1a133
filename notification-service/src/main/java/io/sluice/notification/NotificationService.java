package io.sluice.notification;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.sluice.api.notification.Alert;
import io.sluice.api.notification.Provider;
import io.sluice.api.read.ReadResult;
import io.sluice.events.ConfigDocument;
import io.sluice.events.Event;
import io.sluice.events.Topics;
import io.sluice.events.Json;
import io.sluice.events.kafka.TopicView;
import io.sluice.notification.alert.AlertRule;
import io.sluice.notification.dispatch.EventDispatcher;
import io.sluice.notification.provider.GenericWebhook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import io.smallrye.reactive.messaging.annotations.Blocking;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The notification stage: follows Providers and Alerts on the config topic and takes its share of
 * the events topic (channel {@value #EVENTS_CHANNEL}, in the consumer group {@value #GROUP}: each
 * event is sent by one instance), sending each event to the providers of the alerts it matches. An
 * event that cannot be read or sent goes to sluice.events.dlq with the reason.
 */
@ApplicationScoped
public class NotificationService {
    private static final Logger LOG = Logger.getLogger(NotificationService.class);
    public static final String GROUP = "notification-service";
    static final String EVENTS_CHANNEL = "events";
    /** How long an event waits for the config topic to be read before it is taken. */
    private static final Duration CONFIG_READ_TIMEOUT = Duration.ofMinutes(2);

    private final String bootstrapServers;
    private final NotificationSettings settings;
    private final MeterRegistry meters;
    private final ConfigKindView<Alert, AlertRule> alerts = new ConfigKindView<>(Alert.KIND, AlertRule::of);
    private final ConfigKindView<Provider, ReadResult<Provider>> providers = new ConfigKindView<>(Provider.KIND,
            Function.identity());
    private TopicView<ConfigDocument> config;
    private EventDispatcher dispatcher;

    public NotificationService(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            NotificationSettings settings, MeterRegistry meters) {
        this.bootstrapServers = bootstrapServers;
        this.settings = settings;
        this.meters = meters;
    }

    void start(@Observes StartupEvent startup) {
        config = new TopicView<>(bootstrapServers, Topics.CONFIG, ConfigDocument.class, (key, document) -> {
            alerts.onConfig(key, document);
            providers.onConfig(key, document);
        }).start();
        dispatcher = new EventDispatcher(alerts, providers, new GenericWebhook(settings.retryBackoff()), meters,
                settings.maxEventAge());
    }

    /**
     * One event of this instance's share; an exception sends it to the dead-letter topic. Events are
     * taken only once every Alert is known, or an early event would find none and be lost.
     */
    @Incoming(EVENTS_CHANNEL)
    @Blocking
    void onEvent(ConsumerRecord<String, String> record) throws InterruptedException {
        if (!config.awaitCaughtUp(CONFIG_READ_TIMEOUT)) {
            throw new IllegalStateException("the config topic was not read within " + CONFIG_READ_TIMEOUT);
        }
        if (record.value() != null) {
            dispatcher.accept(Json.read(record.value(), Event.class));
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (config != null) {
            config.close();
        }
    }

    /** True once every Provider and Alert on the config topic is known. */
    public boolean ready() {
        try {
            return config != null && config.awaitCaughtUp(Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public ConfigKindView<Alert, AlertRule> alerts() {
        return alerts;
    }

    public ConfigKindView<Provider, ReadResult<Provider>> providers() {
        return providers;
    }
}
