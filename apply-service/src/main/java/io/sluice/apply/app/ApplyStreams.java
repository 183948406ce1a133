package io.sluice.apply.app;

import io.sluice.api.Kinds;
import io.sluice.apply.bundle.BundleOpener;
import io.sluice.apply.bundle.BundleUnavailableException;
import io.sluice.events.AppStatus;
import io.sluice.events.ConfigDocument;
import io.sluice.events.Event;
import io.sluice.events.RenderedBundle;
import io.sluice.events.Topics;
import io.sluice.events.kafka.MessageSink;
import io.sluice.events.kafka.TopicView;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service's Kafka side: the applications' documents on {@link Topics#CONFIG}, the bundles on
 * {@link Topics#MANIFESTS_RENDERED} and its own statuses on {@link Topics#APPLY_STATUS} (so the
 * inventory survives restarts), read as views (compacted topics read from the beginning into
 * tables: {@link TopicView}); and the statuses and events it publishes through the connector
 * ({@link MessageSink}), under whatever trace context is current.
 */
@ApplicationScoped
public class ApplyStreams {
    static final String SERVICE = "apply-service";

    private final String bootstrapServers;
    private final BundleOpener opener;
    private volatile TopicView<ConfigDocument> config;
    private volatile TopicView<RenderedBundle> bundles;
    private volatile TopicView<AppStatus> statuses;
    private final MessageSink sink;
    /** The last document of each application, kept after its tombstone: its policy decides what its deletion does. */
    private final Map<String, ConfigDocument> lastKnownDocs = new ConcurrentHashMap<>();
    private final CountDownLatch started = new CountDownLatch(1);

    ApplyStreams(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, BundleOpener opener,
            MessageSink sink) {
        this.bootstrapServers = bootstrapServers;
        this.opener = opener;
        this.sink = sink;
    }

    /**
     * Starts reading; {@code changed} gets the id of every application whose inputs changed, and
     * {@code statusChanged} that of every application whose status was published, on a view's thread.
     */
    void start(Consumer<String> changed, Consumer<String> statusChanged) {
        statuses = new TopicView<>(bootstrapServers, Topics.APPLY_STATUS, AppStatus.class,
                (key, status) -> statusChanged.accept(key)).start();
        config = new TopicView<>(bootstrapServers, Topics.CONFIG, ConfigDocument.class, (key, doc) -> {
            if (doc != null && Kinds.isApplication(doc.ref())) {
                lastKnownDocs.put(key, doc);
                changed.accept(key);
            } else if (doc == null && lastKnownDocs.containsKey(key)) {
                changed.accept(key);
            }
        }).start();
        bundles = new TopicView<>(bootstrapServers, Topics.MANIFESTS_RENDERED, RenderedBundle.class,
                (key, bundle) -> changed.accept(key)).start();
        started.countDown();
    }

    /** Waits until every view has read what its topic held at start. */
    boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return started.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && statuses.awaitCaughtUp(timeout)
                && config.awaitCaughtUp(timeout) && bundles.awaitCaughtUp(timeout);
    }

    /**
     * Waits until the documents and bundles published before now have been read: a user's command
     * then acts on what was pushed before it, although the topics are not ordered with each other.
     * False when they could not be read in time; the command then acts on what was read.
     */
    boolean awaitLatestInputs(Duration timeout) throws InterruptedException {
        return config.awaitLatest(timeout) && bundles.awaitLatest(timeout);
    }

    ConfigDocument config(String appId) {
        ConfigDocument doc = config.get(appId);
        return doc != null && Kinds.isApplication(doc.ref()) ? doc : null;
    }

    /** Every application with a document, a last known document or a status: all an owner may have to handle. */
    Set<String> knownApps() {
        Set<String> ids = new TreeSet<>(lastKnownDocs.keySet());
        config.snapshot().forEach((id, doc) -> {
            if (Kinds.isApplication(doc.ref())) {
                ids.add(id);
            }
        });
        ids.addAll(statuses.snapshot().keySet());
        return ids;
    }

    ConfigDocument lastKnownConfig(String appId) {
        return lastKnownDocs.get(appId);
    }

    /** Drops the last document of a deleted application, unless it was created again meanwhile. */
    void forgetConfig(String appId) {
        lastKnownDocs.computeIfPresent(appId, (key, doc) -> config.get(key) == null ? null : doc);
    }

    /** The application's bundle, its objects fetched if claim-checked and its Secrets opened. */
    RenderedBundle bundle(String appId) throws BundleUnavailableException {
        return opened(appId, bundles.get(appId));
    }

    /** {@code raw} (e.g. an archived bundle) with its objects inline and its Secrets opened. */
    RenderedBundle opened(String appId, RenderedBundle raw) throws BundleUnavailableException {
        return opener.open(appId, raw);
    }

    /** The digest of the application's latest bundle as published, without fetching it; null when none. */
    String bundleDigest(String appId) {
        RenderedBundle bundle = bundles.get(appId);
        return bundle == null ? null : bundle.digest();
    }

    AppStatus status(String appId) {
        return statuses.get(appId);
    }

    /** Every application's status as last published, ordered by application id. */
    public List<AppStatus> statuses() {
        if (statuses == null) {
            return List.of();
        }
        return statuses.snapshot().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(Map.Entry::getValue).toList();
    }

    void publish(String appId, AppStatus status) {
        sink.send(Topics.APPLY_STATUS, appId, status);
    }

    void tombstone(String appId) {
        sink.tombstone(Topics.APPLY_STATUS, appId);
    }

    void publish(Event event) {
        sink.send(Topics.EVENTS, event.involvedObject().id(), event);
    }

    void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {bundles, config, statuses}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // stopping anyway
            }
        }
    }
}
