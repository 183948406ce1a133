package io.sluice.source.helm;

import io.sluice.api.meta.RedactedUrl;
import io.sluice.api.source.ChartVersionRange;
import io.sluice.api.source.HelmRepository;
import io.sluice.api.status.Reasons;
import io.sluice.events.SourceArtifact;
import io.sluice.source.SourceEvents;
import io.sluice.source.artifact.ArtifactStore;
import io.sluice.source.artifact.ArtifactUrls;
import io.sluice.source.artifact.PublishedArtifacts;
import io.sluice.source.artifact.ServedArtifacts;
import io.sluice.source.artifact.StoredArtifact;
import io.sluice.source.trace.PollSpans;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Resolves a chart source against its repository's index and, only when the chosen version or its
 * digest differs from what is published, downloads the chart archive, checks it against the index's
 * digest, stores it and publishes it on sluice.source.artifacts (revision = the chart version, as
 * Flux's HelmChart).
 */
@ApplicationScoped
public class ChartPuller {
    private static final Logger LOG = Logger.getLogger(ChartPuller.class);

    private final PublishedArtifacts published;
    private final SourceEvents events;
    private final ArtifactStore store;
    private final ArtifactUrls urls;
    private final ServedArtifacts served;
    private final HelmHttp http;
    private final HelmMetrics metrics;
    private final int maxChartBytes;

    @Inject
    public ChartPuller(PublishedArtifacts published, SourceEvents events, ArtifactStore store, ArtifactUrls urls,
            ServedArtifacts served, HelmHttp http, HelmMetrics metrics,
            @ConfigProperty(name = "sluice.source.helm.max-chart-bytes", defaultValue = "10485760") int maxChartBytes) {
        this.published = published;
        this.events = events;
        this.store = store;
        this.urls = urls;
        this.served = served;
        this.http = http;
        this.metrics = metrics;
        this.maxChartBytes = maxChartBytes;
    }

    /**
     * Brings the chart up to date with the repository's index, in {@code poll}; the caller holds the
     * repository's monitor.
     */
    void pull(HelmChartSource chart, HelmRepositorySource repository, PollSpans.Poll poll) {
        synchronized (chart) {
            ChartRequest request = chart.request;
            HelmRepository.Spec spec = repository.spec;
            if (chart.removed || request == null || spec == null || repository.index == null) {
                return;
            }
            try {
                String version = reconcile(chart, request, repository, spec, poll);
                chart.ready = true;
                chart.message = "pulled '" + request.chart() + "' chart with version '" + version + "'";
                if (chart.reportedFailure != null) {
                    events.info(chart.ref, Reasons.ARTIFACT_UP_TO_DATE, chart.message, version);
                    chart.reportedFailure = null;
                }
            } catch (HelmFailure failure) {
                metrics.failed(spec, failure.reason());
                unavailable(chart, failure.eventReason(Reasons.CHART_PULL_ERROR), failure.getMessage());
            } catch (IOException | UncheckedIOException e) {
                metrics.failed(spec, HelmFailure.STORAGE);
                unavailable(chart, Reasons.STORAGE_OPERATION_FAILED, "cannot store chart '" + request.chart() + "' of "
                        + spec.displayUrl() + ": " + e.getMessage());
            } catch (RuntimeException e) {
                // e.g. Kafka unreachable: the next index fetch tries again, since nothing was recorded as published.
                metrics.failed(spec, HelmFailure.PUBLISH);
                unavailable(chart, Reasons.RECONCILIATION_FAILED, spec.displayUrl() + ": "
                        + RedactedUrl.scrub(String.valueOf(e.getMessage()), spec.url()));
            } finally {
                chart.lastPoll = Instant.now();
            }
        }
    }

    /** The chart cannot be resolved now (its repository is missing or failing): said once per cause. */
    void unavailable(HelmChartSource chart, String reason, String message) {
        synchronized (chart) {
            chart.ready = false;
            chart.message = message;
            LOG.warnf("%s: %s: %s", chart.display(), reason, message);
            if (!message.equals(chart.reportedFailure)) {
                events.error(chart.ref, reason, message, published.revision(chart.id()));
                chart.reportedFailure = message;
            }
        }
    }

    /** The version now published for the chart; a new version's artifact carries the trace {@code poll} starts. */
    private String reconcile(HelmChartSource chart, ChartRequest request, HelmRepositorySource repository,
            HelmRepository.Spec spec, PollSpans.Poll poll) throws HelmFailure, IOException {
        ChartVersion chosen = choose(request, repository.index, spec);
        SourceArtifact last = published.get(chart.id());
        if (last != null && upToDate(last, chosen, spec)) {
            return last.revision();
        }
        byte[] archive = download(chosen, repository, spec);
        StoredArtifact stored = store.store(chart.id(), out -> out.write(archive));
        Instant now = Instant.now();
        SourceArtifact artifact = SourceArtifact.of(chart.id(), spec.displayUrl(), chosen.version(), stored.digest(),
                urls.of(stored.hex()), stored.size(), now);
        if (last == null || !chosen.version().equals(last.revision())) {
            artifact = artifact.withTrace(poll.newCommit(now));
        }
        if (sameButForTime(artifact, last)) {
            LOG.infof("%s: chart file of version %s restored", chart.display(), chosen.version());
            return last.revision();
        }
        if (chart.removed) {
            return last == null ? chosen.version() : last.revision();
        }
        if (!published.publish(chart.id(), artifact)) {
            LOG.infof("%s: version %s not published: the chart moved to another instance", chart.display(),
                    chosen.version());
            return last == null ? chosen.version() : last.revision();
        }
        metrics.published(chart.id());
        String message = "pulled '" + request.chart() + "' chart with version '" + chosen.version() + "'";
        events.info(chart.ref, Reasons.NEW_ARTIFACT, message, chosen.version());
        LOG.infof("%s: %s from %s (%s, %d bytes)", chart.display(), message, spec.displayUrl(), artifact.digest(),
                artifact.size());
        return chosen.version();
    }

    private static ChartVersion choose(ChartRequest request, HelmIndex index, HelmRepository.Spec spec)
            throws HelmFailure {
        List<ChartVersion> versions = index.versions(request.chart());
        if (versions == null || versions.isEmpty()) {
            throw new HelmFailure(HelmFailure.CHART_NOT_FOUND, "chart '" + request.chart()
                    + "' not found in the index of " + spec.displayUrl());
        }
        return request.version().newest(versions, ChartVersion::semver).orElseThrow(() -> new HelmFailure(HelmFailure.NO_MATCHING_VERSION,
                "no '" + request.chart() + "' chart with version matching '" + request.version() + "' found in "
                        + spec.displayUrl() + " (newest: " + ChartVersionRange.newestOfAll(versions, ChartVersion::semver)
                                .map(ChartVersion::version).orElse("none") + ")"));
    }

    /** Downloads the chosen version's archive and checks that it is what the index promises. */
    private byte[] download(ChartVersion chosen, HelmRepositorySource repository, HelmRepository.Spec spec)
            throws HelmFailure {
        URI url;
        try {
            url = HelmUrls.chart(spec.url(), chosen.urls().get(0));
        } catch (IllegalArgumentException e) {
            throw new HelmFailure(HelmFailure.HTTP_ERROR, "chart '" + chosen.chart() + "' version '" + chosen.version()
                    + "' of " + spec.displayUrl() + " has an invalid URL in the index: " + e.getMessage());
        }
        byte[] archive = http.get(url, URI.create(spec.url()), repository.credentials, null, spec.timeout(),
                maxChartBytes).body();
        String actual = Sha256.hex(archive);
        if (chosen.digest() != null && !chosen.digest().equals(actual)) {
            throw new HelmFailure(HelmFailure.DIGEST_MISMATCH, "chart '" + chosen.chart() + "' version '"
                    + chosen.version() + "' from " + RedactedUrl.of(url.toString()) + " has digest sha256:" + actual
                    + " but the index of " + spec.displayUrl() + " says sha256:" + chosen.digest());
        }
        if (archive.length < 2 || (archive[0] & 0xff) != 0x1f || (archive[1] & 0xff) != 0x8b) {
            throw new HelmFailure(HelmFailure.NOT_A_CHART, RedactedUrl.of(url.toString())
                    + " is not a packaged chart (a .tgz archive)");
        }
        return archive;
    }

    /** The published artifact is still the chosen version, from this repository, with the promised digest, and is served. */
    private boolean upToDate(SourceArtifact last, ChartVersion chosen, HelmRepository.Spec spec) {
        String hex = last.digest() == null ? null : last.digest().substring(last.digest().indexOf(':') + 1);
        return chosen.version().equals(last.revision()) && spec.displayUrl().equals(last.repositoryUrl())
                && (chosen.digest() == null || chosen.digest().equals(hex))
                && served.served(last);
    }

    private static boolean sameButForTime(SourceArtifact a, SourceArtifact b) {
        return b != null && a.equals(new SourceArtifact(b.schemaVersion(), b.sourceId(), b.repositoryUrl(),
                b.revision(), b.digest(), b.url(), b.size(), a.time(), a.trace()));
    }
}
