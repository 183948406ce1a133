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
import io.sluice.events.kafka.Publisher;
import io.sluice.events.kafka.TopicAdmin;
import io.sluice.events.kafka.TopicView;
import io.sluice.events.kafka.WorkConsumer;
import io.sluice.notification.alert.AlertRule;
import io.sluice.notification.dispatch.EventDispatcher;
import io.sluice.notification.provider.GenericWebhook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The notification stage: follows Providers and Alerts on the config topic and takes its share of
 * the events topic, sending each event to the providers of the alerts it matches.
 */
@ApplicationScoped
public class NotificationService {
    private static final Logger LOG = Logger.getLogger(NotificationService.class);
    public static final String GROUP = "notification-service";

    private final String bootstrapServers;
    private final NotificationSettings settings;
    private final MeterRegistry meters;
    private final ConfigKindView<Alert, AlertRule> alerts = new ConfigKindView<>(Alert.KIND, AlertRule::of);
    private final ConfigKindView<Provider, ReadResult<Provider>> providers = new ConfigKindView<>(Provider.KIND,
            Function.identity());
    private Publisher deadLetters;
    private TopicView<ConfigDocument> config;
    private WorkConsumer<Event> events;
    private Thread starter;
    private volatile boolean ready;

    public NotificationService(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            NotificationSettings settings, MeterRegistry meters) {
        this.bootstrapServers = bootstrapServers;
        this.settings = settings;
        this.meters = meters;
    }

    void start(@Observes StartupEvent startup) {
        TopicAdmin.ensureTopics(bootstrapServers);
        deadLetters = new Publisher(bootstrapServers);
        config = new TopicView<>(bootstrapServers, Topics.CONFIG, ConfigDocument.class, (key, document) -> {
            alerts.onConfig(key, document);
            providers.onConfig(key, document);
        }).start();
        events = new WorkConsumer<>(bootstrapServers, GROUP, Topics.EVENTS, Event.class,
                new EventDispatcher(alerts, providers, new GenericWebhook(settings.retryBackoff()), meters,
                        settings.maxEventAge()),
                deadLetters);
        // Events are taken only once every Alert is known, or an early event would find none and be lost.
        starter = new Thread(() -> {
            try {
                while (!config.awaitCaughtUp(Duration.ofSeconds(30))) {
                    LOG.warn("still reading the config topic before taking events");
                }
                events.start();
                ready = true;
                LOG.infof("notification-service ready: %d alerts", alerts.all().size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "notification-start");
        starter.setDaemon(true);
        starter.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        starter.interrupt();
        for (AutoCloseable closeable : new AutoCloseable[] {events, config, deadLetters}) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warnf("stopping %s: %s", closeable, e.getMessage());
            }
        }
    }

    public boolean ready() {
        return ready;
    }

    public ConfigKindView<Alert, AlertRule> alerts() {
        return alerts;
    }

    public ConfigKindView<Provider, ReadResult<Provider>> providers() {
        return providers;
    }
}
