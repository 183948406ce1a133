package io.sluice.image;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.sluice.access.git.GitCredentials;
import io.sluice.access.secrets.SecretsLookup;
import io.sluice.api.image.ImagePolicy;
import io.sluice.api.image.ImageRepository;
import io.sluice.api.image.ImageUpdateAutomation;
import io.sluice.api.read.ReadResult;
import io.sluice.api.source.GitRepository;
import io.sluice.events.ConfigDocument;
import io.sluice.events.ImageCommand;
import io.sluice.events.ImageLatest;
import io.sluice.events.ImageStatus;
import io.sluice.events.Json;
import io.sluice.events.Topics;
import io.sluice.events.kafka.MessageSink;
import io.sluice.events.kafka.PartitionShare;
import io.sluice.events.kafka.TopicView;
import io.sluice.image.automation.AutomationRun;
import io.sluice.image.automation.AutomationRunner;
import io.sluice.image.policy.PolicyEvaluations;
import io.sluice.image.scan.ImageScanner;
import io.sluice.image.share.ImageShare;
import io.sluice.image.status.ImageReports;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The image stage: follows the image objects on the config topic and acts on its share of them
 * ({@link ImageShare}: the partitions of sluice.config the consumer group {@value #GROUP} gives this
 * instance's channel {@value #SHARE_CHANNEL}): scans ImageRepositories, evaluates the ImagePolicies of
 * the repositories it scans, runs ImageUpdateAutomations, and acts on the commands of
 * sluice.image.commands, which the same channel receives in the same partitions.
 */
@ApplicationScoped
public class ImageService {
    static final String GROUP = "sluice-image-service";
    static final String SHARE_CHANNEL = "image-share";
    private static final Logger LOG = Logger.getLogger(ImageService.class);
    /** How often a start that is slow to read the topics says so. */
    private static final Duration READING_NOTICE = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final ImageSettings settings;
    private final MeterRegistry meters;
    private final MessageSink sink;
    private final PartitionShare share;
    private final SecretsLookup secrets;
    private final Path dataDir;
    private TopicView<ConfigDocument> config;
    private TopicView<ImageLatest> latest;
    private TopicView<ImageStatus> statuses;
    private ImageScanner scanner;
    private AutomationRunner automations;
    private AutomationRun automationRun;
    private ImageWork work;
    private ImageShare objects;

    public ImageService(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            ImageSettings settings, MeterRegistry meters, MessageSink sink,
            @Identifier(SHARE_CHANNEL) PartitionShare share, SecretsLookup secrets,
            @ConfigProperty(name = "sluice.data-dir") Path dataDir) {
        this.bootstrapServers = bootstrapServers;
        this.settings = settings;
        this.meters = meters;
        this.sink = sink;
        this.share = share;
        this.secrets = secrets;
        this.dataDir = dataDir;
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
        return new PartitionShare(GROUP, Topics.IMAGE_COMMANDS);
    }

    void start(@Observes StartupEvent startup) {
        statuses = new TopicView<>(bootstrapServers, Topics.IMAGE_STATUS, ImageStatus.class, (key, value) -> { })
                .start();
        ImageReports reports = new ImageReports(sink, statuses);
        scanner = new ImageScanner(reports, meters, settings.scanThreads(), secrets);
        latest = new TopicView<>(bootstrapServers, Topics.IMAGE_POLICIES, ImageLatest.class, this::onLatest).start();
        PolicyEvaluations evaluations = new PolicyEvaluations(sink, reports, latest,
                (policy, image, tag) -> scanner.digest(policy.repository().id(), tag), meters);
        config = new TopicView<>(bootstrapServers, Topics.CONFIG, ConfigDocument.class, this::onConfig);
        automationRun = new AutomationRun(new GitCredentials(secrets, dataDir.resolve("ssh-home")), dataDir);
        automations = new AutomationRunner(settings.automationThreads(), config, latest, automationRun, reports, sink,
                meters);
        work = new ImageWork(scanner, evaluations, automations, reports);
        objects = new ImageShare(work, meters);
        work.follow(objects);
        config.start();
        // Partitions are taken once every image object and what was said of them is known.
        Thread owner = new Thread(this::ownOnceRead, "image-owner");
        owner.setDaemon(true);
        owner.start();
    }

    private void onConfig(String key, ConfigDocument document) {
        objects.onConfig(key, document);
    }

    /** A policy chose another image: the automations of its namespace that run here run now. */
    private void onLatest(String policyId, ImageLatest chosen) {
        if (chosen != null && objects != null && ImagePolicy.KIND.keys(policyId)) {
            automations.onLatest(objects.ownedAutomationsIn(policyId.split("/")[2]));
        }
    }

    private void ownOnceRead() {
        try {
            for (TopicView<?> view : List.of(config, latest, statuses)) {
                while (!view.awaitCaughtUp(READING_NOTICE)) {
                    LOG.warnf("still reading the topics: no image object is acted on until they are read");
                }
            }
            share.ready(objects);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A command of sluice.image.commands (the records of sluice.config pass: the channel is there for
     * the partitions the group gives this instance; the documents are read by the view, which every
     * instance reads whole). A command that cannot be read goes to the dead-letter topic.
     */
    @Incoming(SHARE_CHANNEL)
    @Blocking
    void onRecord(ConsumerRecord<String, String> record) throws IOException {
        if (!share.isCommand(record)) {
            return;
        }
        ImageCommand command = Json.MAPPER.readValue(record.value(), ImageCommand.class);
        if (!ImageCommand.RECONCILE.equals(command.action()) || command.objectId() == null) {
            throw new IllegalArgumentException("not a command image-service knows: action '" + command.action()
                    + "' on '" + command.objectId() + "' (it knows reconcile)");
        }
        boolean started = ImageRepository.KIND.keys(command.objectId()) ? scanner.scanNow(command.objectId())
                : automations.runNow(command.objectId());
        LOG.infof("%s asked to reconcile %s: %s", command.requestedBy(), command.objectId(),
                started ? "started" : "not run here (suspended, unknown or owned by another instance)");
    }

    /**
     * The change the ImageUpdateAutomation {@code namespace/name} would commit now, as a unified diff;
     * "" when none. Any instance answers: it reads the whole configuration and every policy's choice.
     */
    public String diff(String namespace, String name) throws IOException {
        ConfigDocument document = config.get(ImageUpdateAutomation.KIND.ref(namespace, name).id());
        if (document == null) {
            throw new IllegalArgumentException("ImageUpdateAutomation " + namespace + "/" + name
                    + " is not in the configuration (see `sluice get images`)");
        }
        ReadResult<ImageUpdateAutomation> read = document.read(ImageUpdateAutomation.KIND);
        if (!read.valid()) {
            throw new IllegalArgumentException(String.join("; ", read.errorMessages()));
        }
        GitRepository repository = automations.gitRepository(read.value());
        if (repository == null) {
            throw new IllegalArgumentException("GitRepository " + read.value().spec().sourceRef().namespace() + "/"
                    + read.value().spec().sourceRef().name() + " of ImageUpdateAutomation " + namespace + "/" + name
                    + " is not in the configuration");
        }
        return automationRun.diff(read.value(), repository, automations.chosenImages(read.value()));
    }

    void stop(@Observes ShutdownEvent shutdown) {
        for (AutoCloseable closeable : new AutoCloseable[] {config, latest, statuses, scanner, automations, work}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                LOG.warnf("stopping %s: %s", closeable, e.getMessage());
            }
        }
    }

    /** UP once the topics are read and the group gave this instance its share. */
    public boolean ready() {
        try {
            return config != null && config.awaitCaughtUp(Duration.ZERO) && latest.awaitCaughtUp(Duration.ZERO)
                    && statuses.awaitCaughtUp(Duration.ZERO) && share.joined();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public ImageScanner scanner() {
        return scanner;
    }
}
