package io.sluice.source.config;

import io.sluice.api.GoDuration;
import io.sluice.events.ConfigDocument;
import io.sluice.events.ConfigProblems;
import io.sluice.events.kafka.MessageSink;
import io.sluice.source.SourceEvents;
import io.sluice.source.SourceThreads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps sluice.config equal to the config folders: every rescan publishes new and changed valid
 * documents and tombstones the ones whose file no longer has them; the problems of each document
 * go to sluice.config.problems and are reported as events once, when they first appear.
 */
@ApplicationScoped
public class ConfigFolders {
    private static final Logger LOG = Logger.getLogger(ConfigFolders.class);
    /** Other producers of sluice.config mark their origins with a scheme ("git:", "cli:"); folder origins are plain paths. */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    /** A folder's file keeps its origin from one rescan to the next. */
    private static final ConfigOrigins ORIGINS = new ConfigOrigins() {
        @Override
        public String current(String published) {
            return published;
        }

        @Override
        public String stable(String text) {
            return text;
        }
    };

    private final Optional<List<Path>> folders;
    private final Duration rescanInterval;
    private final ConfigPublisher published;
    private ScheduledExecutorService timer;

    @Inject
    public ConfigFolders(MessageSink sink, SourceEvents events,
            @ConfigProperty(name = "sluice.source.config-dirs") Optional<List<Path>> folders,
            @ConfigProperty(name = "sluice.source.config-rescan", defaultValue = "5s") Duration rescanInterval) {
        this.published = new ConfigPublisher(sink, events, LOG);
        this.folders = folders;
        this.rescanInterval = rescanInterval;
    }

    /**
     * Starts rescanning. {@code config} and {@code problems} are what sluice.config and
     * sluice.config.problems hold now, so that a restart neither republishes what is unchanged nor
     * forgets to delete what was removed or fixed while it was down.
     */
    public synchronized void start(Map<String, ConfigDocument> config, Map<String, ConfigProblems> problems) {
        if (folders.isEmpty() || folders.get().isEmpty()) {
            LOG.info("no config folders set (sluice.source.config-dirs): not publishing configuration documents");
            return;
        }
        published.seed(config, problems, ConfigFolders::fromConfigFolder);
        ConfigScanner scanner = new ConfigScanner(folders.get());
        timer = SourceThreads.pool("config-rescan", 1);
        timer.scheduleWithFixedDelay(() -> rescan(scanner), 0, rescanInterval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.infof("reading configuration documents from %s every %s", folders.get(),
                GoDuration.format(rescanInterval));
    }

    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private synchronized void rescan(ConfigScanner scanner) {
        try {
            long start = System.nanoTime();
            ConfigPublisher.Published result = published.publish(scanner.scan(), ORIGINS,
                    "no config file defines it any more");
            if (result.changed() + result.deleted() > 0) {
                LOG.infof("config folders scanned: %d published, %d deleted, %d problems (%d ms)", result.changed(),
                        result.deleted(), result.problems(), (System.nanoTime() - start) / 1_000_000);
            }
        } catch (RuntimeException e) {
            // What failed to reach Kafka is still unpublished in the comparison base: the next rescan retries it.
            LOG.errorf("config rescan failed: %s", e.getMessage());
        }
    }

    private static boolean fromConfigFolder(String origin) {
        return origin != null && !SCHEME.matcher(origin).find();
    }
}
