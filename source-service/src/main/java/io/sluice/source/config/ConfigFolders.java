package io.sluice.source.config;

import io.sluice.api.GoDuration;
import io.sluice.events.ConfigDocument;
import io.sluice.events.kafka.Publisher;
import io.sluice.source.SourceEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps sluice.config equal to the config folders: every rescan publishes new and changed
 * documents and tombstones the ones whose file no longer has them. Problems are logged and sent as
 * error events once, when they first appear.
 */
@ApplicationScoped
public class ConfigFolders {
    private static final Logger LOG = Logger.getLogger(ConfigFolders.class);
    /** Other producers of sluice.config mark their origins with a scheme ("git:", "cli:"); folder origins are plain paths. */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private final Optional<List<Path>> folders;
    private final Duration rescanInterval;

    /** What this service has on sluice.config, by key: the comparison base for every rescan. */
    private final PublishedConfig published;
    private final ProblemReports problemReports;
    private ScheduledExecutorService timer;

    @Inject
    public ConfigFolders(Publisher publisher, SourceEvents events,
            @ConfigProperty(name = "sluice.source.config-dirs") Optional<List<Path>> folders,
            @ConfigProperty(name = "sluice.source.config-rescan", defaultValue = "5s") Duration rescanInterval) {
        this.published = new PublishedConfig(publisher, LOG);
        this.problemReports = new ProblemReports(events, LOG);
        this.folders = folders;
        this.rescanInterval = rescanInterval;
    }

    /**
     * Starts rescanning. {@code current} is what sluice.config holds now, so that a restart neither
     * republishes unchanged documents nor forgets to delete the ones removed while it was down.
     */
    public synchronized void start(Map<String, ConfigDocument> current) {
        if (folders.isEmpty() || folders.get().isEmpty()) {
            LOG.info("no config folders set (sluice.source.config-dirs): not publishing configuration documents");
            return;
        }
        published.seed(current.values());
        ConfigScanner scanner = new ConfigScanner(folders.get());
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "config-rescan");
            thread.setDaemon(true);
            return thread;
        });
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
            ConfigScan scan = scanner.scan();
            int changed = published.publishChanged(scan, Objects::equals);
            int deleted = published.deleteGone(document -> fromConfigFolder(document.origin())
                    && scan.gone(document.ref().id(), document.origin()), "no config file defines it any more");
            problemReports.report(scan.problems(), scan.notices, message -> message);
            if (changed + deleted > 0) {
                LOG.infof("config folders scanned: %d published, %d deleted, %d problems (%d ms)", changed, deleted,
                        scan.problems().size(), (System.nanoTime() - start) / 1_000_000);
            }
        } catch (RuntimeException e) {
            // What failed to reach Kafka is still unpublished in the comparison base: the next rescan retries it.
            LOG.errorf("config rescan failed: %s", e.getMessage());
        }
    }

    static boolean fromConfigFolder(String origin) {
        return origin != null && !SCHEME.matcher(origin).find();
    }
}
