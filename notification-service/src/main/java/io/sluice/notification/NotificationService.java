package io.sluice.notification;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.sluice.events.ConfigDocument;
import io.sluice.events.Event;
import io.sluice.events.Topics;
import io.sluice.events.kafka.Publisher;
import io.sluice.events.kafka.TopicAdmin;
import io.sluice.events.kafka.TopicView;
import io.sluice.events.kafka.WorkConsumer;
import io.sluice.notification.alert.Alerts;
import io.sluice.notification.dispatch.EventDispatcher;
import io.sluice.notification.provider.GenericWebhook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
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

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    NotificationSettings settings;

    @Inject
    MeterRegistry meters;

    private final Alerts alerts = new Alerts();
    private Publisher deadLetters;
    private TopicView<ConfigDocument> config;
    private WorkConsumer<Event> events;
    private Thread starter;
    private volatile boolean ready;

    void start(@Observes StartupEvent startup) {
        TopicAdmin.ensureTopics(bootstrapServers);
        deadLetters = new Publisher(bootstrapServers);
        config = new TopicView<>(bootstrapServers, Topics.CONFIG, ConfigDocument.class, alerts::onConfig).start();
        events = new WorkConsumer<>(bootstrapServers, GROUP, Topics.EVENTS, Event.class,
                new EventDispatcher(alerts, config::get, new GenericWebhook(settings.timeout(),
                        settings.retryBackoff()), meters, settings.maxEventAge()),
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

    /** A document of the config topic, e.g. a Provider, or null. */
    public ConfigDocument config(String key) {
        return config.get(key);
    }

    public Alerts alerts() {
        return alerts;
    }
}
