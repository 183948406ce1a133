package io.sluice.render;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.sluice.events.ConfigDocument;
import io.sluice.events.RenderedBundle;
import io.sluice.events.SourceArtifact;
import io.sluice.events.Topics;
import io.sluice.events.kafka.MessageSink;
import io.sluice.events.kafka.TopicView;
import io.sluice.events.seal.BundleKeys;
import io.sluice.events.trace.CommitSpans;
import io.sluice.render.argo.ArgoApplicationStrategy;
import io.sluice.render.argo.ArgoRenderer;
import io.sluice.render.artifact.ArtifactDownloader;
import io.sluice.render.artifact.ArtifactWorkspace;
import io.sluice.render.artifact.ScratchSpace;
import io.sluice.render.artifact.TarGzExtractor;
import io.sluice.render.bundle.BundlePacker;
import io.sluice.render.bundle.BundleSettings;
import io.sluice.render.bundle.ClaimChecks;
import io.sluice.render.closure.ArtifactIndexes;
import io.sluice.render.helm.ChartTemplate;
import io.sluice.render.helm.HelmReleaseStrategy;
import io.sluice.render.helm.HelmRenderer;
import io.sluice.render.helm.ValuesSources;
import io.sluice.render.kustomization.KustomizationRenderer;
import io.sluice.render.kustomization.KustomizationStrategy;
import io.sluice.render.manifest.KustomizationGuard;
import io.sluice.render.manifest.KustomizeBuild;
import io.sluice.render.manifest.NetworkIsolation;
import io.sluice.render.postbuild.MountedObjects;
import io.sluice.render.postbuild.VariableSources;
import io.sluice.render.reconcile.CanonicalDigest;
import io.sluice.render.reconcile.PublishedBundles;
import io.sluice.render.reconcile.RenderQueue;
import io.sluice.render.reconcile.RenderReconciler;
import io.sluice.render.reconcile.RenderShare;
import io.sluice.render.reconcile.RenderStrategies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The render stage: follows Kustomizations, HelmReleases and Argo CD Applications, source artifacts
 * and the published bundles on Kafka (every instance reads the whole of each topic), and re-renders
 * every application of its share ({@link RenderShare}) whose document or artifact changed.
 */
@ApplicationScoped
public class RenderService {
    private static final Logger LOG = Logger.getLogger(RenderService.class);

    private final String bootstrapServers;
    private final String dataDir;
    private final Optional<String> secretsDir;
    private final Optional<String> configMapsDir;
    private final RenderSettings settings;
    private final BundleSettings bundleSettings;
    private final ClaimChecks claimChecks;
    private final MeterRegistry meters;
    private final MessageSink sink;
    private final OpenTelemetry openTelemetry;
    private final RenderGroup group;

    private RenderStrategies strategies;
    private TopicView<RenderedBundle> rendered;
    private TopicView<ConfigDocument> config;
    private TopicView<SourceArtifact> artifacts;
    private RenderQueue queue;
    private RenderShare share;
    private PublishedBundles published;
    private ChartTemplate helm;
    private ScheduledExecutorService rescan;
    private volatile boolean ready;

    /**
     * @param secretsDir Secrets for postBuild.substituteFrom and valuesFrom: {@code <dir>/<namespace>/<name>/<key>},
     *         as source-service reads them
     * @param configMapsDir ConfigMaps for the same, in the same layout
     */
    @Inject
    public RenderService(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "sluice.data-dir") String dataDir,
            @ConfigProperty(name = "sluice.secrets-dir") Optional<String> secretsDir,
            @ConfigProperty(name = "sluice.configmaps-dir") Optional<String> configMapsDir, RenderSettings settings,
            BundleSettings bundleSettings, ClaimChecks claimChecks, MeterRegistry meters, MessageSink sink,
            OpenTelemetry openTelemetry, RenderGroup group) {
        this.bootstrapServers = bootstrapServers;
        this.dataDir = dataDir;
        this.secretsDir = secretsDir;
        this.configMapsDir = configMapsDir;
        this.settings = settings;
        this.bundleSettings = bundleSettings;
        this.claimChecks = claimChecks;
        this.meters = meters;
        this.sink = sink;
        this.openTelemetry = openTelemetry;
        this.group = group;
    }

    void start(@Observes StartupEvent startup) {
        Path data = Path.of(dataDir);
        KustomizeBuild kustomize = new KustomizeBuild(NetworkIsolation.commandPrefix(settings.allowRemoteBases()),
                settings.kustomizeCommand(), settings.timeout(), settings.maxOutputSize().asLongValue());
        // One scratch root, cleaned of a crashed render's leftovers once, for every kind of render.
        ArtifactWorkspace workspace = new ArtifactWorkspace(new ScratchSpace(data.resolve("scratch")),
                new ArtifactDownloader(settings.timeout(), settings.maxArtifactSize().asLongValue()),
                new TarGzExtractor(settings.maxExtractedSize().asLongValue()));
        KustomizationGuard guard = new KustomizationGuard(settings.allowRemoteBases());
        MountedObjects configMaps = new MountedObjects("ConfigMap", "sluice.configmaps-dir", configMapsDir);
        MountedObjects secrets = new MountedObjects("Secret", "sluice.secrets-dir", secretsDir);
        helm = new ChartTemplate(settings.kubeVersion(), settings.timeout(), settings.maxOutputSize().asLongValue());
        meters.gauge("sluice.render.helm.abandoned", helm, ChartTemplate::abandonedRunning);
        strategies = new RenderStrategies(List.of(
                new KustomizationStrategy(new KustomizationRenderer(workspace, guard, kustomize, meters),
                        new VariableSources(configMaps, secrets)),
                new HelmReleaseStrategy(new HelmRenderer(workspace, helm, kustomize, meters),
                        new ValuesSources(configMaps, secrets)),
                new ArgoApplicationStrategy(new ArgoRenderer(workspace, guard, kustomize, helm, meters))));
        published = new PublishedBundles(data.resolve("published"));
        BundleKeys keys = BundleKeys.fromConfig(bundleSettings.key(), bundleSettings.keyFile(),
                bundleSettings.previousKeys());
        if (keys.current() == null) {
            LOG.warnf("no bundle key (%s or %s): applications that render Secrets fail", BundleKeys.KEY_PROPERTY,
                    BundleKeys.KEY_FILE_PROPERTY);
        }
        BundlePacker packer = new BundlePacker(keys, CanonicalDigest::of, claimChecks,
                bundleSettings.inlineLimit().asLongValue());

        rendered = new TopicView<>(bootstrapServers, Topics.MANIFESTS_RENDERED, RenderedBundle.class,
                this::onBundle);
        config = new TopicView<>(bootstrapServers, Topics.CONFIG, ConfigDocument.class, this::onConfig);
        artifacts = new TopicView<>(bootstrapServers, Topics.SOURCE_ARTIFACTS, SourceArtifact.class,
                this::onArtifact);
        int workers = Math.max(2, settings.workers().orElse(Runtime.getRuntime().availableProcessors()));
        // A few artifacts: the commit being rolled out and the one before, for each busy source.
        ArtifactIndexes indexes = new ArtifactIndexes(workspace, 4 * workers);
        queue = new RenderQueue(workers, new RenderReconciler(config::get, artifacts::get, strategies, indexes,
                published, packer, sink, meters, new CommitSpans(openTelemetry, RenderReconciler.SERVICE))::reconcile);
        share = new RenderShare(queue, this::applications, this::readBundles);
        meters.gauge("sluice.render.queued", queue, RenderQueue::size);
        meters.gauge("sluice.render.owned.partitions", share, RenderShare::ownedPartitions);
        // Nothing renders before all three views are complete: a missing document would read
        // as deleted, a missing bundle as never published. Until then the group waits to give
        // this instance its partitions.
        queue.runFirst(() -> {
            awaitCaughtUp(List.of(rendered, config, artifacts));
            published.restoreInputs();
            group.share().ready(share);
            ready = true;
            LOG.infof("render-service ready: %d applications, %d artifacts, %d bundles",
                    config.snapshot().keySet().stream().filter(strategies::renders).count(),
                    artifacts.snapshot().size(), rendered.snapshot().size());
        });
        rendered.start();
        config.start();
        artifacts.start();
        rescan = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "render-variables-rescan");
            thread.setDaemon(true);
            return thread;
        });
        long period = settings.variablesRescan().toMillis();
        rescan.scheduleWithFixedDelay(this::recheckVariables, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * ConfigMaps and Secrets live in folders that change without a message on Kafka: applications
     * that read them are queued again, and render only if a variable or value changed.
     */
    private void recheckVariables() {
        if (!ready) {
            return;
        }
        config.snapshot().forEach((key, document) -> {
            if (document != null && strategies.readsMountedData(key, document)) {
                share.submit(key);
            }
        });
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (rescan != null) {
            rescan.shutdownNow();
        }
        for (AutoCloseable closeable : new AutoCloseable[] {artifacts, config, rendered, queue, helm}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                LOG.warnf("stopping %s: %s", closeable, e.getMessage());
            }
        }
    }

    /**
     * UP once the views have read the topics to their end, the last bundles are known and the group
     * has given this instance its share.
     */
    public boolean ready() {
        return ready && group.share().joined();
    }

    private void onConfig(String key, ConfigDocument document) {
        if (strategies.renders(key)) {
            share.submit(key);
        }
    }

    private void onArtifact(String sourceId, SourceArtifact artifact) {
        config.snapshot().forEach((key, document) -> {
            if (document != null && strategies.sourceIds(key, document).contains(sourceId)) {
                share.submit(key);
            }
        });
    }

    /**
     * The bundles of the applications other instances render, which this one compares with when it
     * takes them over; it knows its own (its bundles on the topic may lag behind what it published).
     */
    private void onBundle(String appId, RenderedBundle bundle) {
        if (!share.owns(appId)) {
            published.observe(appId, bundle);
        }
    }

    /** Every application that may need a render: documents of the kinds rendered, and bundles left by deleted ones. */
    private Set<String> applications() {
        Set<String> ids = new HashSet<>(published.appIds());
        config.snapshot().keySet().stream().filter(strategies::renders).forEach(ids::add);
        return ids;
    }

    private void readBundles() {
        try {
            if (!rendered.awaitLatest(Duration.ofSeconds(30))) {
                LOG.warnf("%s not read to its end within 30 s: applications taken over may publish their"
                        + " bundle again", Topics.MANIFESTS_RENDERED);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitCaughtUp(List<TopicView<?>> views) {
        for (TopicView<?> view : views) {
            try {
                while (!view.awaitCaughtUp(Duration.ofSeconds(30))) {
                    LOG.warn("still reading the topics before the first render");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the topics", e);
            }
        }
    }
}
