package io.sluice.source;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.sluice.events.ConfigDocument;
import io.sluice.events.SourceArtifact;
import io.sluice.events.SourceCommand;
import io.sluice.events.Topics;
import io.sluice.events.kafka.Publisher;
import io.sluice.events.kafka.TopicAdmin;
import io.sluice.events.kafka.TopicView;
import io.sluice.events.kafka.WorkConsumer;
import io.sluice.source.config.ConfigFolders;
import io.sluice.source.config.GitBootstrap;
import io.sluice.source.git.ArgoGitSources;
import io.sluice.source.git.GitSources;
import io.sluice.source.helm.HelmSources;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Starts and stops the service's Kafka work. It first reads sluice.config and
 * sluice.source.artifacts up to their ends, so that it knows what is already published; only
 * then does it scan the config folders and the bootstrap repository, poll sources and take
 * reconcile-now commands.
 */
@ApplicationScoped
public class SourceService {
    public static final String COMMANDS_GROUP = "source-service";
    private static final Logger LOG = Logger.getLogger(SourceService.class);

    @Inject
    KafkaConnection kafka;
    @Inject
    Publisher publisher;
    @Inject
    ConfigFolders configFolders;
    @Inject
    GitBootstrap gitBootstrap;
    @Inject
    GitSources gitSources;
    @Inject
    ArgoGitSources argoGitSources;
    @Inject
    HelmSources helmSources;

    private TopicView<ConfigDocument> config;
    private WorkConsumer<SourceCommand> commands;
    private volatile boolean caughtUp;

    void onStart(@Observes StartupEvent event) {
        TopicAdmin.ensureTopics(kafka.bootstrapServers());
        config = new TopicView<>(kafka.bootstrapServers(), Topics.CONFIG, ConfigDocument.class, (key, document) -> {
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
        if (commands != null) {
            commands.close();
        }
        if (config != null) {
            config.close();
        }
    }

    /** True once the service has read its topics and started its work: the readiness check. */
    public boolean caughtUp() {
        return caughtUp;
    }

    private void startWhenCaughtUp() {
        try {
            Map<String, SourceArtifact> artifacts;
            try (TopicView<SourceArtifact> view = new TopicView<>(kafka.bootstrapServers(), Topics.SOURCE_ARTIFACTS,
                    SourceArtifact.class, (key, value) -> {
                    }).start()) {
                awaitCaughtUp(view, Topics.SOURCE_ARTIFACTS);
                artifacts = view.snapshot();
            }
            awaitCaughtUp(config, Topics.CONFIG);
            gitSources.activate(artifacts);
            helmSources.activate(artifacts);
            configFolders.start(config.snapshot());
            gitBootstrap.start(config.snapshot());
            commands = new WorkConsumer<>(kafka.bootstrapServers(), COMMANDS_GROUP, Topics.SOURCE_COMMANDS,
                    SourceCommand.class, this::onCommand, publisher).start();
            caughtUp = true;
            LOG.infof("caught up: %d configuration documents, %d artifacts", config.snapshot().size(), artifacts.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf(e, "cannot start: the service stays not ready");
        }
    }

    private static void awaitCaughtUp(TopicView<?> view, String topic) throws InterruptedException {
        while (!view.awaitCaughtUp(Duration.ofSeconds(30))) {
            LOG.infof("still reading %s", topic);
        }
    }

    private void onCommand(SourceCommand command) {
        if (!SourceCommand.RECONCILE.equals(command.action())) {
            throw new IllegalArgumentException("unsupported action '" + command.action() + "' for " + command.sourceId());
        }
        LOG.infof("%s: reconcile requested by %s", command.sourceId(), command.requestedBy());
        if (!helmSources.pollNow(command.sourceId())) {
            gitSources.pollNow(command.sourceId());
        }
    }
}
