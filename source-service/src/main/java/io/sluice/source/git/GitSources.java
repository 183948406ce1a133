package io.sluice.source.git;

import io.sluice.api.GoDuration;
import io.sluice.api.ObjectRef;
import io.sluice.api.read.ReadResult;
import io.sluice.api.source.GitRepository;
import io.sluice.api.status.Reasons;
import io.sluice.events.ConfigDocument;
import io.sluice.events.SourceArtifact;
import io.sluice.source.SourceEvents;
import io.sluice.source.SourceThreads;
import io.sluice.source.ownership.SourceOwnership;
import io.sluice.source.trace.PollRequest;
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

    private final GitPoller poller;
    private final SourceEvents events;
    private final SourceOwnership ownership;
    private final Map<String, GitSource> sources = new ConcurrentHashMap<>();
    private final ScheduledExecutorService executor;
    private boolean active;

    @Inject
    public GitSources(GitPoller poller, SourceEvents events, SourceOwnership ownership,
            @ConfigProperty(name = "sluice.source.poll-threads", defaultValue = "4") int pollThreads) {
        this.poller = poller;
        this.events = events;
        this.ownership = ownership;
        this.executor = SourceThreads.pool("git-poll", pollThreads);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /**
     * Follows sluice.config: a GitRepository added, changed, or deleted (null). Other kinds are not
     * sources. A document that does not read (published by an older version, or not by the config
     * readers) stops its source's polls and is reported; its warnings were reported at configuration time.
     */
    public synchronized void onConfig(String key, ConfigDocument document) {
        if (!GitRepository.KIND.keys(key)) {
            return;
        }
        if (document == null) {
            remove(key);
            return;
        }
        GitSource source = sources.computeIfAbsent(key, k -> new GitSource(document.ref()));
        ReadResult<GitRepository> read = document.read(GitRepository.KIND);
        if (!read.valid()) {
            String message = String.join("; ", read.errorMessages());
            cancel(source);
            source.spec = null;
            source.ready = false;
            source.message = message;
            LOG.error(message);
            events.error(source.ref, Reasons.CONFIG_INVALID, message, null);
            return;
        }
        PolledRepository spec = PolledRepository.of(read.value().spec());
        if (!spec.equals(source.spec)) {
            source.spec = spec;
            if (active) {
                schedule(source);
            }
        }
    }

    /** An implicit source (one that no document defines, e.g. of Argo CD Applications) added, or its spec changed. */
    public synchronized void putImplicit(ObjectRef ref, PolledRepository spec) {
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

    /**
     * Starts polling the sources of partitions just taken over; {@code current} is what
     * sluice.source.artifacts holds for them now.
     */
    public synchronized void activate(Map<String, SourceArtifact> current) {
        for (String sourceId : List.copyOf(current.keySet())) {
            if (GitRepository.KIND.keys(sourceId) && !sources.containsKey(sourceId)) {
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

    /** Polls a source at once, serving a reconcile-now request; an unknown source id is an error. */
    public void pollNow(String sourceId, PollRequest request) {
        GitSource source = sources.get(sourceId);
        if (source == null) {
            throw new IllegalArgumentException("unknown source " + sourceId);
        }
        PolledRepository spec = source.spec;
        if (spec != null && spec.suspend()) {
            LOG.infof("%s: reconcile request ignored, the source is suspended", source.display());
            return;
        }
        source.request(request);
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
        PolledRepository spec = source.spec;
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
