package io.sluice.source;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.sluice.events.ConfigDocument;
import io.sluice.events.ConfigProblems;
import io.sluice.events.SourceArtifact;
import io.sluice.events.SourceCommand;
import io.sluice.events.Topics;
import io.sluice.events.kafka.TopicView;
import io.sluice.source.artifact.PublishedArtifacts;
import io.sluice.source.config.ConfigFolders;
import io.sluice.source.config.GitBootstrap;
import io.sluice.source.git.ArgoGitSources;
import io.sluice.source.git.GitSources;
import io.sluice.source.helm.HelmSources;
import io.sluice.source.ownership.OwnershipConsumer;
import io.sluice.source.trace.PollRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Starts and stops the service's Kafka work. It first reads sluice.config (and sluice.config.problems)
 * up to its end; only then does it scan the config folders, read the bootstrap repository, and join
 * the group that spreads the sources over the instances
 * ({@link OwnershipConsumer}, whose assignments wait until then): it polls the sources it is given,
 * after reading what sluice.source.artifacts holds for them, and takes their reconcile-now commands.
 * The topics are created before (SluiceMessaging).
 *
 * <p>Every instance scans the config folders and publishes what it finds, rather than one elected
 * instance: the folders are the same files everywhere (the same image or volume), so the instances
 * publish identical records, each only when a document differs from what it last saw; consumers of
 * sluice.config are idempotent, and no instance waits on another to load the configuration.
 */
@ApplicationScoped
public class SourceService implements OwnershipConsumer.OwnedSources {
    private static final Logger LOG = Logger.getLogger(SourceService.class);

    private final String bootstrapServers;
    private final ConfigFolders configFolders;
    private final GitBootstrap gitBootstrap;
    private final GitSources gitSources;
    private final ArgoGitSources argoGitSources;
    private final HelmSources helmSources;
    private final PublishedArtifacts published;
    private final OwnershipConsumer owners;

    private TopicView<ConfigDocument> config;
    private volatile boolean caughtUp;

    @Inject
    public SourceService(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            ConfigFolders configFolders, GitBootstrap gitBootstrap, GitSources gitSources,
            ArgoGitSources argoGitSources, HelmSources helmSources, PublishedArtifacts published,
            OwnershipConsumer owners) {
        this.bootstrapServers = bootstrapServers;
        this.configFolders = configFolders;
        this.gitBootstrap = gitBootstrap;
        this.gitSources = gitSources;
        this.argoGitSources = argoGitSources;
        this.helmSources = helmSources;
        this.published = published;
        this.owners = owners;
    }

    void onStart(@Observes StartupEvent event) {
        config = new TopicView<>(bootstrapServers, Topics.CONFIG, ConfigDocument.class, (key, document) -> {
            gitSources.onConfig(key, document);
            argoGitSources.onConfig(key, document);
            helmSources.onConfig(key, document);
        }).start();
        Thread starter = new Thread(this::startWhenCaughtUp, "source-service-start");
        starter.setDaemon(true);
        starter.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        configFolders.stop();
        gitBootstrap.stop();
        if (config != null) {
            config.close();
        }
    }

    /** True once the service has read sluice.config and joined the owners' group: the readiness check. */
    public boolean caughtUp() {
        return caughtUp && owners.joined();
    }

    private void startWhenCaughtUp() {
        try {
            awaitCaughtUp(config, Topics.CONFIG);
            Map<String, ConfigProblems> problems = configProblems();
            configFolders.start(config.snapshot(), problems);
            gitBootstrap.start(config.snapshot(), problems);
            owners.ready(this);
            caughtUp = true;
            LOG.infof("caught up: %d configuration documents; joining %s", config.snapshot().size(),
                    OwnershipConsumer.GROUP);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf(e, "cannot start: the service stays not ready");
        }
    }

    /** What sluice.config.problems holds now: the configuration readers' comparison base for it. */
    private Map<String, ConfigProblems> configProblems() throws InterruptedException {
        try (TopicView<ConfigProblems> problems = new TopicView<>(bootstrapServers, Topics.CONFIG_PROBLEMS,
                ConfigProblems.class, (key, record) -> { }).start()) {
            awaitCaughtUp(problems, Topics.CONFIG_PROBLEMS);
            return problems.snapshot();
        }
    }

    private static void awaitCaughtUp(TopicView<?> view, String topic) throws InterruptedException {
        while (!view.awaitCaughtUp(Duration.ofSeconds(30))) {
            LOG.infof("still reading %s", topic);
        }
    }

    @Override
    public void takeOver(Map<String, SourceArtifact> lastArtifacts) {
        published.seed(lastArtifacts);
        gitSources.activate(lastArtifacts);
        helmSources.activate(lastArtifacts);
    }

    @Override
    public void handOver() {
        gitSources.handOver();
        helmSources.handOver();
        published.handOver();
    }

    @Override
    public void reconcile(SourceCommand command, PollRequest request) {
        if (!SourceCommand.RECONCILE.equals(command.action())) {
            throw new IllegalArgumentException("unsupported action '" + command.action() + "' for " + command.sourceId());
        }
        LOG.infof("%s: reconcile requested by %s", command.sourceId(), command.requestedBy());
        if (!helmSources.pollNow(command.sourceId(), request)) {
            gitSources.pollNow(command.sourceId(), request);
        }
    }
}
