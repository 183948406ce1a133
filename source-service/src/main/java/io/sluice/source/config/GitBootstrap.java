package io.sluice.source.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sluice.events.ConfigDocument;
import io.sluice.api.GoDuration;
import io.sluice.api.ObjectRef;
import io.sluice.events.kafka.Publisher;
import io.sluice.source.SourceEvents;
import io.sluice.source.SourceThreads;
import io.sluice.source.git.GitCommits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The bootstrap configuration, as {@code flux bootstrap --path} sets it up: the documents under a
 * folder of a Git repository's branch are kept equal to sluice.config. Each new commit publishes
 * the documents added or changed and tombstones the ones removed (only those this bootstrap
 * published: config folders and other producers are left alone). An invalid document or
 * unreadable file is an event naming file and field, and keeps what was published from it.
 */
@ApplicationScoped
public class GitBootstrap {
    private static final Logger LOG = Logger.getLogger(GitBootstrap.class);

    @Inject
    Publisher publisher;
    @Inject
    SourceEvents events;
    @Inject
    GitCommits commits;
    @Inject
    MeterRegistry registry;
    @ConfigProperty(name = "sluice.source.bootstrap.url")
    Optional<String> url;
    @ConfigProperty(name = "sluice.source.bootstrap.branch", defaultValue = "main")
    String branch;
    @ConfigProperty(name = "sluice.source.bootstrap.path", defaultValue = "./")
    String path;
    @ConfigProperty(name = "sluice.source.bootstrap.interval", defaultValue = "1m")
    Duration interval;
    @ConfigProperty(name = "sluice.source.bootstrap.secret")
    Optional<String> secret;

    /** What this bootstrap has on sluice.config, by key: the comparison base for every new commit. */
    private PublishedConfig published;
    private BootstrapSettings settings;
    private ProblemReports problemReports;
    /** The commit whose documents are all on sluice.config; null until the first read succeeds. */
    private String readCommit;
    private String reportedFailure;
    private ScheduledExecutorService timer;

    /**
     * Starts reading the repository, when sluice.source.bootstrap.url is set. {@code current} is what
     * sluice.config holds now, so that a restart neither republishes unchanged documents nor forgets
     * to delete the ones removed from Git while it was down.
     */
    public synchronized void start(Map<String, ConfigDocument> current) {
        if (url.isEmpty() || url.get().isBlank()) {
            LOG.info("no bootstrap repository set (sluice.source.bootstrap.url)");
            return;
        }
        try {
            settings = BootstrapSettings.of(url.get().trim(), branch, path, interval, secret);
        } catch (InvalidFieldException e) {
            LOG.error(e.getMessage());
            events.error(ConfigProblem.file(BootstrapSettings.PROPERTY), "ConfigInvalid", e.getMessage(), null);
            return;
        }
        problemReports = new ProblemReports(events, LOG);
        published = new PublishedConfig(publisher, LOG);
        published.seed(current.values().stream().filter(document -> settings.owns(document.origin())).toList());
        timer = SourceThreads.pool("config-bootstrap", 1);
        timer.scheduleWithFixedDelay(this::read, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.infof("reading configuration documents from %s every %s", settings.describe(),
                GoDuration.format(interval));
    }

    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private synchronized void read() {
        long start = System.nanoTime();
        try {
            Optional<GitCommits.Read<ConfigScan>> read = commits.readIfMoved(settings.secretNamespace(),
                    settings.spec(), readCommit, (repository, commit) -> BootstrapTree.scan(repository, commit,
                            settings.folder(), settings::origin));
            if (read.isPresent()) {
                apply(read.get());
            }
            recovered();
        } catch (IOException | RuntimeException e) {
            // Nothing is recorded as read: the next interval tries the commit again.
            failed(e.getMessage());
        } finally {
            Timer.builder("sluice.source.bootstrap.read")
                    .description("Reads of the bootstrap repository: ls-remote, and fetch and publish on a new commit")
                    .register(registry).record(Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private void apply(GitCommits.Read<ConfigScan> read) {
        ConfigScan scan = read.value();
        // A document is published again only when it or its file changed: a new commit alone changes nothing.
        int changed = published.publishChanged(scan, (before, now) -> settings.file(before).equals(settings.file(now)));
        int deleted = published.deleteGone(document -> scan.gone(document.ref().id(),
                settings.origin(read.commit(), settings.file(document.origin()))), settings.describe()
                + " no longer defines it");
        // a problem is reported when a commit first has it, not again for each later commit
        problemReports.report(scan.problems(), scan.notices, message -> message.replace(read.commit(), ""));
        readCommit = read.commit();
        LOG.infof("bootstrap %s at %s: %d published, %d deleted, %d problems", settings.describe(), read.revision(),
                changed, deleted, scan.problems().size());
    }

    private void failed(String reason) {
        registry.counter("sluice.source.bootstrap.failures").increment();
        String message = "bootstrap " + settings.describe() + ": " + reason;
        if (!message.equals(reportedFailure)) {
            LOG.error(message);
            events.error(about(), "BootstrapFailed", message, null);
            reportedFailure = message;
        } else {
            LOG.debug(message);
        }
    }

    private void recovered() {
        if (reportedFailure != null) {
            String message = "bootstrap " + settings.describe() + ": read again";
            LOG.info(message);
            events.info(about(), "BootstrapRecovered", message, null);
            reportedFailure = null;
        }
    }

    /** What the bootstrap's own events are about: the repository, as a ConfigFile named by its git: origin. */
    private ObjectRef about() {
        return ConfigProblem.file("git:" + settings.spec().displayUrl());
    }
}
