package io.sluice.source.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sluice.api.GoDuration;
import io.sluice.api.ObjectRef;
import io.sluice.api.status.Reasons;
import io.sluice.events.ConfigDocument;
import io.sluice.events.ConfigProblems;
import io.sluice.events.kafka.MessageSink;
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

    private final SourceEvents events;
    private final GitCommits commits;
    private final MeterRegistry registry;
    private final ConfigPublisher published;
    private final Optional<String> url;
    private final String branch;
    private final String path;
    private final Duration interval;
    private final Optional<String> secret;
    private final Duration gitTimeout;

    private BootstrapSettings settings;
    /** The commit whose documents are all on sluice.config; null until the first read succeeds. */
    private String readCommit;
    private String reportedFailure;
    private ScheduledExecutorService timer;

    @Inject
    public GitBootstrap(MessageSink sink, SourceEvents events, GitCommits commits, MeterRegistry registry,
            @ConfigProperty(name = "sluice.source.bootstrap.url") Optional<String> url,
            @ConfigProperty(name = "sluice.source.bootstrap.branch", defaultValue = "main") String branch,
            @ConfigProperty(name = "sluice.source.bootstrap.path", defaultValue = "./") String path,
            @ConfigProperty(name = "sluice.source.bootstrap.interval", defaultValue = "1m") Duration interval,
            @ConfigProperty(name = "sluice.source.bootstrap.secret") Optional<String> secret,
            @ConfigProperty(name = "sluice.source.git-timeout", defaultValue = "60s") Duration gitTimeout) {
        this.events = events;
        this.commits = commits;
        this.registry = registry;
        this.published = new ConfigPublisher(sink, events, LOG);
        this.url = url;
        this.branch = branch;
        this.path = path;
        this.interval = interval;
        this.secret = secret;
        this.gitTimeout = gitTimeout;
    }

    /**
     * Starts reading the repository, when sluice.source.bootstrap.url is set. {@code config} and
     * {@code problems} are what sluice.config and sluice.config.problems hold now, so that a restart
     * neither republishes what is unchanged nor forgets to delete what was removed from Git, or
     * fixed, while it was down.
     */
    public synchronized void start(Map<String, ConfigDocument> config, Map<String, ConfigProblems> problems) {
        if (url.isEmpty() || url.get().isBlank()) {
            LOG.info("no bootstrap repository set (sluice.source.bootstrap.url)");
            return;
        }
        try {
            settings = BootstrapSettings.of(url.get().trim(), branch, path, interval, secret, gitTimeout);
        } catch (IllegalArgumentException e) {
            LOG.error(e.getMessage());
            events.error(ConfigProblem.file(BootstrapSettings.PROPERTY), Reasons.CONFIG_INVALID, e.getMessage(), null);
            return;
        }
        published.seed(config, problems, settings::owns);
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
                    settings.repository(), readCommit, (repository, commit) -> BootstrapTree.scan(repository, commit,
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
        // A record is published again only when it or its file changed: a new commit alone changes nothing,
        // and a problem is reported when a commit first has it, not again for each later commit.
        ConfigPublisher.Published result = published.publish(read.value(), settings.origins(read.commit()),
                settings.describe() + " no longer defines it");
        readCommit = read.commit();
        LOG.infof("bootstrap %s at %s: %d published, %d deleted, %d problems", settings.describe(), read.revision(),
                result.changed(), result.deleted(), result.problems());
    }

    private void failed(String reason) {
        registry.counter("sluice.source.bootstrap.failures").increment();
        String message = "bootstrap " + settings.describe() + ": " + reason;
        if (!message.equals(reportedFailure)) {
            LOG.error(message);
            events.error(about(), Reasons.BOOTSTRAP_FAILED, message, null);
            reportedFailure = message;
        } else {
            LOG.debug(message);
        }
    }

    private void recovered() {
        if (reportedFailure != null) {
            String message = "bootstrap " + settings.describe() + ": read again";
            LOG.info(message);
            events.info(about(), Reasons.BOOTSTRAP_RECOVERED, message, null);
            reportedFailure = null;
        }
    }

    /** What the bootstrap's own events are about: the repository, as a ConfigFile named by its git: origin. */
    private ObjectRef about() {
        return ConfigProblem.file("git:" + settings.repository().displayUrl());
    }
}
