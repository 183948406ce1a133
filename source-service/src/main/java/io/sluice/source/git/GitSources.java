package io.sluice.source.git;

import io.sluice.api.GoDuration;
import io.sluice.events.ConfigDocument;
import io.sluice.api.ObjectRef;
import io.sluice.events.SourceArtifact;
import io.sluice.source.SourceEvents;
import io.sluice.source.SourceThreads;
import io.sluice.source.config.InvalidFieldException;
import io.sluice.source.ownership.SourceOwnership;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The GitRepositories on sluice.config, each polled on its {@code spec.interval} (and at once on a
 * reconcile-now command) by the one instance that owns it ({@link SourceOwnership}). Every instance
 * follows every document; polling of a source starts when this instance takes its partition over,
 * so that what is already published for it is known first, and stops when it hands it over.
 */
@ApplicationScoped
public class GitSources {
    private static final Logger LOG = Logger.getLogger(GitSources.class);
    private static final String KEY_PREFIX = "source.toolkit.fluxcd.io/GitRepository/";

    @Inject
    GitPoller poller;
    @Inject
    SourceEvents events;
    @Inject
    SourceOwnership ownership;
    @ConfigProperty(name = "sluice.source.poll-threads", defaultValue = "4")
    int pollThreads;

    private final Map<String, GitSource> sources = new ConcurrentHashMap<>();
    private ScheduledExecutorService executor;
    private boolean active;

    @PostConstruct
    void init() {
        executor = SourceThreads.pool("git-poll", pollThreads);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** Follows sluice.config: a GitRepository added, changed, or deleted (null). Other kinds are not sources. */
    public synchronized void onConfig(String key, ConfigDocument document) {
        if (!key.startsWith(KEY_PREFIX)) {
            return;
        }
        if (document == null) {
            remove(key);
            return;
        }
        GitSource source = sources.computeIfAbsent(key, k -> new GitSource(document.ref()));
        GitRepositorySpec spec;
        try {
            spec = GitRepositorySpec.parse(document.document());
        } catch (InvalidFieldException e) {
            String message = document.origin() + ": " + source.display() + ": " + e.getMessage();
            cancel(source);
            source.spec = null;
            source.ready = false;
            source.message = message;
            LOG.error(message);
            events.error(source.ref, "ConfigInvalid", message, null);
            return;
        }
        if (!spec.equals(source.spec)) {
            source.spec = spec;
            reportUnsupportedFields(source, document);
            if (active) {
                schedule(source);
            }
        }
    }

    /** An implicit source (one that no document defines, e.g. of Argo CD Applications) added, or its spec changed. */
    public synchronized void putImplicit(ObjectRef ref, GitRepositorySpec spec) {
        GitSource source = sources.computeIfAbsent(ref.id(), id -> new GitSource(ref));
        if (!spec.equals(source.spec)) {
            source.spec = spec;
            if (active) {
                schedule(source);
            }
        }
    }

    /** An implicit source that nothing uses any more: polling stops and its artifact goes. */
    public synchronized void removeImplicit(String sourceId) {
        remove(sourceId);
    }

    private void remove(String key) {
        GitSource removed = sources.remove(key);
        if (removed != null) {
            cancel(removed);
            LOG.infof("%s: deleted, polling stopped", removed.display());
            if (active) {
                poller.forget(key);
            }
        }
    }

    /** A field Sluice does not act on yet is said out loud, never silently ignored. */
    private void reportUnsupportedFields(GitSource source, ConfigDocument document) {
        events.unsupportedFields(source.ref, document.origin() + ": " + source.display(),
                GitRepositorySpec.unsupportedFields(document.document()));
    }

    /**
     * Starts polling the sources of partitions just taken over; {@code current} is what
     * sluice.source.artifacts holds for them now.
     */
    public synchronized void activate(Map<String, SourceArtifact> current) {
        for (String sourceId : List.copyOf(current.keySet())) {
            if (sourceId.startsWith(KEY_PREFIX) && !sources.containsKey(sourceId)) {
                LOG.infof("%s: its GitRepository was deleted while the service was down: deleting its artifact",
                        sourceId);
                poller.forget(sourceId);
            }
        }
        active = true;
        sources.values().stream().filter(source -> ownership.owns(source.id())).forEach(this::schedule);
    }

    /** Stops polling the sources handed over to another instance; a poll in progress publishes nothing. */
    public synchronized void handOver() {
        sources.values().stream().filter(source -> !ownership.owns(source.id())).forEach(GitSources::cancel);
    }

    /** Polls a source at once (a reconcile-now request); an unknown source id is an error. */
    public void pollNow(String sourceId) {
        GitSource source = sources.get(sourceId);
        if (source == null) {
            throw new IllegalArgumentException("unknown source " + sourceId);
        }
        GitRepositorySpec spec = source.spec;
        if (spec != null && spec.suspend()) {
            LOG.infof("%s: reconcile request ignored, the source is suspended", source.display());
            return;
        }
        executor.execute(() -> pollSafely(source));
    }

    /** The sources this instance polls: each source's poll results are known to its owner only. */
    public List<SourceStatus> statuses() {
        return sources.values().stream().filter(source -> ownership.owns(source.id()))
                .map(source -> source.status(poller.publishedRevision(source.id())))
                .sorted(Comparator.comparing(SourceStatus::namespace).thenComparing(SourceStatus::name))
                .toList();
    }

    private void schedule(GitSource source) {
        cancel(source);
        GitRepositorySpec spec = source.spec;
        if (spec == null || !ownership.owns(source.id())) {
            return;
        }
        if (spec.suspend()) {
            source.message = "suspended";
            LOG.infof("%s: suspended, not polling", source.display());
            return;
        }
        source.schedule = executor.scheduleWithFixedDelay(() -> pollSafely(source), 0, spec.interval().toMillis(),
                TimeUnit.MILLISECONDS);
        LOG.infof("%s: polling %s %s every %s", source.display(), spec.displayUrl(), spec.reference().describe(),
                GoDuration.format(spec.interval()));
    }

    private static void cancel(GitSource source) {
        if (source.schedule != null) {
            source.schedule.cancel(false);
            source.schedule = null;
        }
    }

    /** A scheduled task that throws is never run again: nothing may escape a poll. */
    private void pollSafely(GitSource source) {
        try {
            poller.poll(source);
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s: poll failed unexpectedly", source.display());
        }
    }
}
