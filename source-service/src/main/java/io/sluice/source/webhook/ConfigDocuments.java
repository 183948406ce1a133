package io.sluice.source.webhook;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.sluice.events.ConfigDocument;
import io.sluice.events.Topics;
import io.sluice.events.kafka.TopicView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The configuration documents on sluice.config, as the webhook endpoints need them: the Receivers,
 * and the sources they and pushes name. The webhooks keep their own view, so that they answer
 * whichever instance owns which source: the command goes to the owner over Kafka.
 */
@ApplicationScoped
public class ConfigDocuments {
    private final String bootstrapServers;
    private final Receivers receivers;
    private volatile TopicView<ConfigDocument> view;

    @Inject
    public ConfigDocuments(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            Receivers receivers) {
        this.bootstrapServers = bootstrapServers;
        this.receivers = receivers;
    }

    void onStart(@Observes StartupEvent event) {
        view = new TopicView<>(bootstrapServers, Topics.CONFIG, ConfigDocument.class, receivers::onConfig)
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
