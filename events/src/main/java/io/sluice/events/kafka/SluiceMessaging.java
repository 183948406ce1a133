package io.sluice.events.kafka;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * What every service's messaging starts from (a CDI bean, found through this module's beans.xml;
 * the channel settings are in its META-INF/microprofile-config.properties): the topics exist before
 * any channel subscribes, and the service publishes through {@link MessageSink}.
 */
@ApplicationScoped
public class SluiceMessaging {
    /** The outgoing channel every service publishes on. */
    public static final String OUTGOING = "sluice-out";

    private final String bootstrapServers;
    private final TopicSettings topics;

    SluiceMessaging(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "sluice.kafka.partitions") int partitions,
            @ConfigProperty(name = "sluice.kafka.replication-factor") int replicationFactor,
            @ConfigProperty(name = "sluice.kafka.min-insync-replicas") int minInsyncReplicas) {
        this.bootstrapServers = bootstrapServers;
        this.topics = TopicSettings.of(partitions, replicationFactor, minInsyncReplicas);
    }

    /** Before the connector starts its channels (it starts them at LIBRARY_BEFORE). */
    void createTopics(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent startup) {
        TopicAdmin.ensureTopics(bootstrapServers, topics);
    }

    public TopicSettings topics() {
        return topics;
    }

    @Produces
    @Singleton
    MessageSink sink(@Channel(OUTGOING) MutinyEmitter<String> emitter) {
        return new ChannelSink(emitter);
    }
}
