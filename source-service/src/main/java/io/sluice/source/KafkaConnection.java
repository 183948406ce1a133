package io.sluice.source;

import io.sluice.events.kafka.Publisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Where the broker is, and the one producer the whole service shares. */
@ApplicationScoped
public class KafkaConnection {
    private final String bootstrapServers;

    @Inject
    public KafkaConnection(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Produces
    @Singleton
    Publisher publisher() {
        return new Publisher(bootstrapServers);
    }

    void close(@Disposes Publisher publisher) {
        publisher.close();
    }
}
