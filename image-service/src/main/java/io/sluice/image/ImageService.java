package io.sluice.image;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.sluice.events.ConfigDocument;
import io.sluice.events.Topics;
import io.sluice.events.kafka.Publisher;
import io.sluice.events.kafka.TopicAdmin;
import io.sluice.events.kafka.TopicView;
import io.sluice.image.scan.ImageScanner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** The image stage: follows ImageRepositories on the config topic and scans their registries. */
@ApplicationScoped
public class ImageService {
    private static final Logger LOG = Logger.getLogger(ImageService.class);

    private final String bootstrapServers;
    private final ImageSettings settings;
    private final MeterRegistry meters;
    private Publisher publisher;
    private ImageScanner scanner;
    private TopicView<ConfigDocument> config;

    public ImageService(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            ImageSettings settings, MeterRegistry meters) {
        this.bootstrapServers = bootstrapServers;
        this.settings = settings;
        this.meters = meters;
    }

    void start(@Observes StartupEvent startup) {
        TopicAdmin.ensureTopics(bootstrapServers);
        publisher = new Publisher(bootstrapServers);
        scanner = new ImageScanner(publisher, meters, settings.scanThreads());
        config = new TopicView<>(bootstrapServers, Topics.CONFIG, ConfigDocument.class, scanner::onConfig).start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        for (AutoCloseable closeable : new AutoCloseable[] {config, scanner, publisher}) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warnf("stopping %s: %s", closeable, e.getMessage());
            }
        }
    }

    /** UP once every ImageRepository of the config topic is known. */
    public boolean ready() {
        try {
            return config != null && config.awaitCaughtUp(Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public ImageScanner scanner() {
        return scanner;
    }
}
