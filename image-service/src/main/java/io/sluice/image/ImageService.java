package io.sluice.image;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.sluice.access.secrets.SecretsLookup;
import io.sluice.events.ConfigDocument;
import io.sluice.events.Topics;
import io.sluice.events.kafka.MessageSink;
import io.sluice.events.kafka.PartitionShare;
import io.sluice.events.kafka.TopicView;
import io.sluice.image.scan.ImageScanner;
import io.sluice.image.scan.ScanShare;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The image stage: follows ImageRepositories on the config topic and scans the registries of its
 * share of them. The share is the partitions of sluice.config that the consumer group
 * {@value #GROUP} gives this instance's channel {@value #SHARE_CHANNEL} ({@link ScanShare}), so
 * instances added scan fewer repositories each and each repository is scanned by one of them.
 */
@ApplicationScoped
public class ImageService {
    static final String GROUP = "sluice-image-service";
    static final String SHARE_CHANNEL = "image-share";
    private static final Logger LOG = Logger.getLogger(ImageService.class);
    /** How often a start that is slow to read the config topic says so. */
    private static final Duration READING_NOTICE = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final ImageSettings settings;
    private final MeterRegistry meters;
    private final MessageSink sink;
    private final PartitionShare share;
    private final SecretsLookup secrets;
    private ImageScanner scanner;
    private TopicView<ConfigDocument> config;

    public ImageService(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            ImageSettings settings, MeterRegistry meters, MessageSink sink,
            @Identifier(SHARE_CHANNEL) PartitionShare share, SecretsLookup secrets) {
        this.bootstrapServers = bootstrapServers;
        this.settings = settings;
        this.meters = meters;
        this.sink = sink;
        this.share = share;
        this.secrets = secrets;
    }

    /**
     * The channel's rebalance listener, by the name its configuration gives. Static: the connector
     * asks for it while it connects the channels, before this service (which publishes through one)
     * can be made.
     */
    @Produces
    @Singleton
    @Identifier(SHARE_CHANNEL)
    static PartitionShare share() {
        return new PartitionShare(GROUP, null);
    }

    void start(@Observes StartupEvent startup) {
        scanner = new ImageScanner(sink, meters, settings.scanThreads(), secrets);
        ScanShare repositories = new ScanShare(scanner, meters);
        config = new TopicView<>(bootstrapServers, Topics.CONFIG, ConfigDocument.class, repositories::onConfig)
                .start();
        // Partitions are taken once every ImageRepository is known (the share's assignments wait for it).
        Thread owner = new Thread(() -> ownOnceRead(repositories), "image-owner");
        owner.setDaemon(true);
        owner.start();
    }

    private void ownOnceRead(ScanShare repositories) {
        try {
            while (!config.awaitCaughtUp(READING_NOTICE)) {
                LOG.warnf("still reading %s: no ImageRepository is scanned until it is read", Topics.CONFIG);
            }
            share.ready(repositories);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The records of sluice.config pass: the channel is there for the partitions the group gives
     * this instance; the documents are read by the view, which every instance reads whole.
     */
    @Incoming(SHARE_CHANNEL)
    void onConfigRecord(ConsumerRecord<String, String> record) {
    }

    void stop(@Observes ShutdownEvent shutdown) {
        for (AutoCloseable closeable : new AutoCloseable[] {config, scanner}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                LOG.warnf("stopping %s: %s", closeable, e.getMessage());
            }
        }
    }

    /** UP once every ImageRepository of the config topic is known and the group gave this instance its share. */
    public boolean ready() {
        try {
            return config != null && config.awaitCaughtUp(Duration.ZERO) && share.joined();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public ImageScanner scanner() {
        return scanner;
    }
}
