package io.sluice.source.webhook;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.sluice.events.ConfigDocument;
import io.sluice.events.Topics;
import io.sluice.events.kafka.TopicView;
import io.sluice.source.KafkaConnection;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.Map;

/**
 * The configuration documents on sluice.config, as the webhook endpoints need them: the Receivers,
 * and the sources they and pushes name. The webhooks keep their own view, so that they answer
 * whichever instance owns which source: the command goes to the owner over Kafka.
 */
@ApplicationScoped
public class ConfigDocuments {
    private final KafkaConnection kafka;
    private final Receivers receivers;
    private volatile TopicView<ConfigDocument> view;

    @Inject
    public ConfigDocuments(KafkaConnection kafka, Receivers receivers) {
        this.kafka = kafka;
        this.receivers = receivers;
    }

    /** After the service's own start (a lower priority runs first), which creates the topics. */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) StartupEvent event) {
        view = new TopicView<>(kafka.bootstrapServers(), Topics.CONFIG, ConfigDocument.class, receivers::onConfig)
                .start();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (view != null) {
            view.close();
        }
    }

    /** True once every document that was on the topic at start has been read. */
    boolean caughtUp() {
        try {
            return view != null && view.awaitCaughtUp(Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Every document now, by id ({@code group/Kind/namespace/name}). */
    Map<String, ConfigDocument> documents() {
        return view.snapshot();
    }
}
