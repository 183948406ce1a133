package io.sluice.source.helm;

import io.sluice.api.GoDuration;
import io.sluice.api.argo.Application;
import io.sluice.api.argo.ImplicitSource;
import io.sluice.api.helm.HelmRelease;
import io.sluice.api.read.ReadResult;
import io.sluice.api.source.HelmChart;
import io.sluice.api.source.HelmRepository;
import io.sluice.api.status.Reasons;
import io.sluice.events.ConfigDocument;
import io.sluice.events.SourceArtifact;
import io.sluice.source.SourceEvents;
import io.sluice.source.SourceThreads;
import io.sluice.source.artifact.PublishedArtifacts;
import io.sluice.source.git.SourceStatus;
import io.sluice.source.ownership.SourceOwnership;
import io.sluice.source.trace.PollRequest;
import io.sluice.source.trace.PollSpans;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The Helm repositories and the charts asked of them, following sluice.config: HelmRepositories,
 * the chart of each HelmRelease, and the charts of Argo CD Applications (whose repositories are
 * implicit, one per URL). Each repository's index is fetched on its interval, and every chart of
 * that repository is then resolved again against it: a newer matching version becomes a new
 * artifact, at the cost of one index fetch however many charts and Applications use it.
 * With several instances, each publishes the charts it owns ({@link SourceOwnership}, by chart id)
 * and fetches the index of each repository it owns or owns a chart of: one fetch per instance.
 */
@ApplicationScoped
public class HelmSources {
    private static final Logger LOG = Logger.getLogger(HelmSources.class);
    private static final String REPOSITORY_PREFIX = HelmRepository.KIND.group() + "/" + HelmRepository.KIND.name() + "/";

    private final HelmIndexPoller indexPoller;
    private final ChartPuller puller;
    private final PublishedArtifacts published;
    private final SourceEvents events;
    private final SourceOwnership ownership;
    private final PollSpans spans;
    private final Duration argoInterval;
    private final Map<String, HelmRepositorySource> repositories = new ConcurrentHashMap<>();
    private final Map<String, HelmChartSource> charts = new ConcurrentHashMap<>();
    /** HelmRelease or Application id to the ids of the chart sources it asks for; guarded by this. */
    private final Map<String, Set<String>> asked = new HashMap<>();
    private final ScheduledExecutorService executor;
    private boolean active;

    @Inject
    public HelmSources(HelmIndexPoller indexPoller, ChartPuller puller, PublishedArtifacts published,
            SourceEvents events, SourceOwnership ownership, PollSpans spans,
            @ConfigProperty(name = "sluice.source.helm.poll-threads", defaultValue = "2") int pollThreads,
            @ConfigProperty(name = "sluice.source.helm.argo-interval", defaultValue = "3m") Duration argoInterval) {
        this.indexPoller = indexPoller;
        this.puller = puller;
        this.published = published;
        this.events = events;
        this.ownership = ownership;
        this.spans = spans;
        this.argoInterval = argoInterval;
        this.executor = SourceThreads.pool("helm-poll", pollThreads);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /**
     * Follows sluice.config: HelmRepositories, HelmReleases and Applications added, changed or deleted
     * (null). A document that does not read (published by an older version, or not by the config
     * readers) is reported and changes nothing else; its warnings were reported at configuration time.
     */
    public synchronized void onConfig(String key, ConfigDocument document) {
        if (HelmRepository.KIND.keys(key)) {
            onRepository(key, document);
        } else if (HelmRelease.KIND.keys(key)) {
            onRelease(key, document);
        } else if (Application.KIND.keys(key)) {
            onApplication(key, document);
        }
    }

    /** Starts fetching for the partitions just taken over; {@code current} is what sluice.source.artifacts holds for them. */
    public synchronized void activate(Map<String, SourceArtifact> current) {
        for (String sourceId : List.copyOf(current.keySet())) {
            if (HelmChart.KIND.keys(sourceId) && !charts.containsKey(sourceId)) {
                LOG.infof("%s: no document asks for this chart any more: deleting its artifact", sourceId);
                published.forget(sourceId);
            }
        }
        active = true;
        repositories.values().stream().filter(repository -> repository.schedule == null).forEach(this::schedule);
        charts.values().forEach(chart -> reconcileChart(chart, null));
    }

    /** Stops fetching for what was handed over to another instance. */
    public synchronized void handOver() {
        repositories.values().stream().filter(repository -> !pollsHere(repository)).forEach(HelmSources::cancel);
    }

    /** This instance fetches a repository's index when it owns the repository or one of its charts. */
    private boolean pollsHere(HelmRepositorySource repository) {
        return ownership.owns(repository.id()) || chartsOf(repository.id()).stream().anyMatch(this::owned);
    }

    private boolean owned(HelmChartSource chart) {
        return ownership.owns(chart.id());
    }

    /**
     * Fetches the index of a HelmRepository, or of a HelmChart's repository, at once, serving a
     * reconcile-now request; false for other ids.
     */
    public boolean pollNow(String sourceId, PollRequest request) {
        HelmRepositorySource repository = repositories.get(sourceId);
        HelmChartSource chart = charts.get(sourceId);
        if (repository == null && chart != null && chart.request != null) {
            repository = repositories.get(chart.request.repositoryId());
        }
        if (repository != null) {
            HelmRepositorySource target = repository;
            executor.execute(() -> pollSafely(target, request));
        } else if (chart != null) {
            reconcileChart(chart, request);
        }
        return repository != null || chart != null;
    }

    public List<SourceStatus> statuses() {
        Stream<SourceStatus> repositoryStatuses = repositories.values().stream()
                .filter(repository -> ownership.owns(repository.id())).map(HelmRepositorySource::status);
        Stream<SourceStatus> chartStatuses = charts.values().stream().filter(this::owned).map(chart -> {
            ChartRequest request = chart.request;
            HelmRepositorySource repository = request == null ? null : repositories.get(request.repositoryId());
            HelmRepository.Spec spec = repository == null ? null : repository.spec;
            return chart.status(spec == null ? null : spec.displayUrl(), published.revision(chart.id()));
        });
        return Stream.concat(repositoryStatuses, chartStatuses).sorted(Comparator.comparing(SourceStatus::kind)
                .thenComparing(SourceStatus::namespace).thenComparing(SourceStatus::name)).toList();
    }

    private void onRepository(String key, ConfigDocument document) {
        if (document == null) {
            HelmRepositorySource removed = repositories.remove(key);
            if (removed != null) {
                cancel(removed);
                LOG.infof("%s: deleted, index fetches stopped", removed.display());
                if (active) {
                    chartsOf(key).forEach(chart -> reconcileChart(chart, null));
                }
            }
            return;
        }
        HelmRepositorySource repository = repositories.computeIfAbsent(key,
                k -> new HelmRepositorySource(document.ref(), false));
        ReadResult<HelmRepository> read = document.read(HelmRepository.KIND);
        if (!read.valid()) {
            cancel(repository);
            repository.spec = null;
            repository.ready = false;
            repository.message = invalid(document, read);
            return;
        }
        HelmRepository.Spec spec = read.value().spec();
        if (!spec.equals(repository.spec)) {
            repository.spec = spec;
            // Charts wait for the fetch with the new spec rather than use the index in hand.
            repository.ready = false;
            if (active) {
                schedule(repository);
            }
        }
    }

    private void onRelease(String key, ConfigDocument document) {
        if (document == null) {
            ask(key, List.of());
            return;
        }
        ReadResult<HelmRelease> read = document.read(HelmRelease.KIND);
        if (read.valid()) {
            ask(key, List.of(WantedChart.of(read.value())));
            return;
        }
        // The chart source stays, with its last artifact: a broken edit is reported, not acted on.
        String message = invalid(document, read);
        for (String chartId : asked.getOrDefault(key, Set.of())) {
            HelmChartSource chart = charts.get(chartId);
            chart.request = null;
            chart.ready = false;
            chart.message = message;
        }
    }

    private void onApplication(String key, ConfigDocument document) {
        if (document == null) {
            ask(key, List.of());
            return;
        }
        ReadResult<Application> read = document.read(Application.KIND);
        // ArgoGitSources reports an Application that does not read: here it only keeps what it asked for.
        if (read.valid()) {
            ask(key, read.value().spec().origins().stream().filter(ImplicitSource.HelmChart.class::isInstance)
                    .map(chart -> WantedChart.of((ImplicitSource.HelmChart) chart, argoInterval)).toList());
        }
    }

    /** Reports a document that does not read; returns the message, every error of it. */
    private String invalid(ConfigDocument document, ReadResult<?> read) {
        String message = String.join("; ", read.errorMessages());
        LOG.error(message);
        events.error(document.ref(), Reasons.CONFIG_INVALID, message, null);
        return message;
    }

    /** Records that {@code askerId} now asks for exactly {@code wanted}; charts no one asks for any more go. */
    private void ask(String askerId, List<WantedChart> wanted) {
        Set<String> before = asked.getOrDefault(askerId, Set.of());
        Set<String> now = new HashSet<>();
        for (WantedChart want : wanted) {
            now.add(want.ref().id());
            if (want.implicitRepository() != null) {
                implicitRepository(want.implicitRepository());
            }
            HelmChartSource chart = charts.computeIfAbsent(want.ref().id(), id -> new HelmChartSource(want.ref()));
            chart.requesters.add(askerId);
            if (!want.request().equals(chart.request)) {
                chart.request = want.request();
                LOG.infof("%s: chart '%s' version '%s' of %s", chart.display(), want.request().chart(),
                        want.request().version(), want.request().repositoryId());
                HelmRepositorySource repository = repositories.get(want.request().repositoryId());
                if (active) {
                    if (repository != null && repository.schedule == null && owned(chart)) {
                        schedule(repository); // the first chart of it this instance owns
                    }
                    reconcileChart(chart, null);
                }
            }
        }
        if (now.isEmpty()) {
            asked.remove(askerId);
        } else {
            asked.put(askerId, now);
        }
        before.stream().filter(id -> !now.contains(id)).forEach(id -> release(id, askerId));
    }

    private void implicitRepository(WantedChart.ImplicitRepository wanted) {
        if (repositories.containsKey(wanted.ref().id())) {
            return;
        }
        HelmRepositorySource repository = new HelmRepositorySource(wanted.ref(), true);
        repository.spec = wanted.spec();
        repositories.put(repository.id(), repository);
        if (active) {
            schedule(repository);
        }
    }

    private void release(String chartId, String askerId) {
        HelmChartSource chart = charts.get(chartId);
        if (chart == null || !chart.requesters.remove(askerId) || !chart.requesters.isEmpty()) {
            return;
        }
        charts.remove(chartId);
        chart.removed = true;
        LOG.infof("%s: no longer asked for: deleting its artifact", chart.display());
        // After any pull in progress (it holds the chart), and only if the chart was not asked for again meanwhile.
        executor.execute(() -> {
            synchronized (chart) {
                if (!charts.containsKey(chartId)) {
                    published.forget(chartId);
                }
            }
        });
        ChartRequest request = chart.request;
        HelmRepositorySource repository = request == null ? null : repositories.get(request.repositoryId());
        if (repository != null && repository.implicit && chartsOf(repository.id()).isEmpty()) {
            repositories.remove(repository.id());
            cancel(repository);
        }
    }

    private void schedule(HelmRepositorySource repository) {
        cancel(repository);
        HelmRepository.Spec spec = repository.spec;
        if (spec == null || !pollsHere(repository)) {
            return;
        }
        if (spec.suspend()) {
            repository.message = "suspended";
            LOG.infof("%s: suspended, not fetching", repository.display());
            return;
        }
        repository.schedule = executor.scheduleWithFixedDelay(() -> pollSafely(repository, null), 0,
                spec.interval().toMillis(), TimeUnit.MILLISECONDS);
        LOG.infof("%s: fetching %s every %s", repository.display(), spec.displayUrl(),
                GoDuration.format(spec.interval()));
    }

    private static void cancel(HelmRepositorySource repository) {
        if (repository.schedule != null) {
            repository.schedule.cancel(false);
            repository.schedule = null;
        }
    }

    /** Fetches the index, then resolves every chart of the repository against it; {@code request}: see {@link #pollNow}. */
    private void poll(HelmRepositorySource repository, PollRequest request) {
        synchronized (repository) {
            HelmRepository.Spec spec = repository.spec;
            if (spec == null || spec.suspend()) {
                return;
            }
            try (PollSpans.Poll poll = spans.start(repository.id(), request)) {
                boolean fetched = indexPoller.poll(repository, spec);
                for (HelmChartSource chart : chartsOf(repository.id()).stream().filter(this::owned).toList()) {
                    if (fetched) {
                        puller.pull(chart, repository, poll);
                    } else {
                        puller.unavailable(chart, repository.failureReason, repository.message);
                    }
                }
            }
        }
    }

    /** Resolves one chart against the index in hand, or says why it cannot be; {@code asked}: see {@link #pollNow}. */
    private void reconcileChart(HelmChartSource chart, PollRequest asked) {
        executor.execute(() -> {
            try (PollSpans.Poll poll = spans.start(chart.id(), asked)) {
                ChartRequest request = chart.request;
                if (request == null || chart.removed || !owned(chart)) {
                    return;
                }
                HelmRepositorySource repository = repositories.get(request.repositoryId());
                if (repository == null) {
                    puller.unavailable(chart, Reasons.SOURCE_UNAVAILABLE, "HelmRepository "
                            + request.repositoryId().substring(REPOSITORY_PREFIX.length()) + " not found");
                    return;
                }
                synchronized (repository) {
                    HelmRepository.Spec spec = repository.spec;
                    if (repository.ready && repository.index != null) {
                        puller.pull(chart, repository, poll);
                    } else if (repository.failureReason != null) {
                        puller.unavailable(chart, repository.failureReason, repository.message);
                    } else if (spec != null && spec.suspend()) {
                        puller.unavailable(chart, Reasons.SOURCE_UNAVAILABLE, repository.display() + " is suspended");
                    } else if (repository.schedule == null) {
                        puller.unavailable(chart, Reasons.SOURCE_UNAVAILABLE, repository.message);
                    }
                    // else: a fetch is on its way, and resolves the chart.
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "%s: resolving the chart failed unexpectedly", chart.display());
            }
        });
    }

    private List<HelmChartSource> chartsOf(String repositoryId) {
        return charts.values().stream().filter(chart -> {
            ChartRequest request = chart.request;
            return request != null && request.repositoryId().equals(repositoryId);
        }).toList();
    }

    /** A scheduled task that throws is never run again: nothing may escape a poll. */
    private void pollSafely(HelmRepositorySource repository, PollRequest request) {
        try {
            poll(repository, request);
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s: index fetch failed unexpectedly", repository.display());
        }
    }
}
