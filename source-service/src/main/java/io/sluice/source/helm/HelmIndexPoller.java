package io.sluice.source.helm;

import io.sluice.api.meta.RedactedUrl;
import io.sluice.api.source.HelmRepository;
import io.sluice.api.status.Reasons;
import io.sluice.source.SourceEvents;
import io.sluice.access.secrets.Secret;
import io.sluice.access.secrets.SecretNotFoundException;
import io.sluice.access.secrets.SecretsLookup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * One fetch of one Helm repository's index.yaml: with the credentials of its secretRef, and
 * conditionally (If-None-Match) when the server gave an ETag for the index in hand. A changed
 * index is parsed and kept; failures become the repository's status, an error event and a metric.
 */
@ApplicationScoped
public class HelmIndexPoller {
    private static final Logger LOG = Logger.getLogger(HelmIndexPoller.class);

    private final HelmHttp http;
    private final SecretsLookup secrets;
    private final SourceEvents events;
    private final HelmMetrics metrics;
    private final int maxIndexBytes;

    @Inject
    public HelmIndexPoller(HelmHttp http, SecretsLookup secrets, SourceEvents events, HelmMetrics metrics,
            @ConfigProperty(name = "sluice.source.helm.max-index-bytes", defaultValue = "52428800") int maxIndexBytes) {
        this.http = http;
        this.secrets = secrets;
        this.events = events;
        this.metrics = metrics;
        this.maxIndexBytes = maxIndexBytes;
    }

    /** Fetches the index; true when the repository has a current index afterwards. The caller holds its monitor. */
    boolean poll(HelmRepositorySource repository, HelmRepository.Spec spec) {
        long start = System.nanoTime();
        try {
            if (!spec.url().equals(repository.indexUrl)) {
                repository.index = null;
                repository.indexUrl = spec.url();
            }
            repository.credentials = credentials(repository, spec);
            URI indexUrl = HelmUrls.index(spec.url());
            HelmHttp.Download download = http.get(indexUrl, URI.create(spec.url()), repository.credentials,
                    repository.index == null ? null : repository.etag, spec.timeout(), maxIndexBytes);
            if (!download.notModified()) {
                String digest = "sha256:" + Sha256.hex(download.body());
                if (repository.index == null || !digest.equals(repository.indexDigest)) {
                    HelmIndex index = HelmIndex.parse(download.body(), RedactedUrl.of(indexUrl.toString()),
                            maxIndexBytes);
                    warnSkipped(repository, index);
                    repository.index = index;
                    repository.indexDigest = digest;
                    events.info(repository.ref, Reasons.NEW_ARTIFACT, "fetched index of size " + download.body().length
                            + " bytes from '" + spec.displayUrl() + "'", digest);
                }
                repository.etag = download.etag();
            }
            succeeded(repository);
            return true;
        } catch (HelmFailure failure) {
            failed(repository, spec, failure);
            return false;
        } finally {
            metrics.indexFetched(spec, start);
            repository.lastPoll = Instant.now();
        }
    }

    private BasicAuth credentials(HelmRepositorySource repository, HelmRepository.Spec spec) throws HelmFailure {
        if (spec.secretRef() == null) {
            return null;
        }
        String namespace = repository.ref.namespace();
        String name = spec.secretRef().name();
        try {
            Secret secret = secrets.get(namespace, name);
            return new BasicAuth(namespace + "/" + name, secret.require("username"),
                    secret.require("password"));
        } catch (SecretNotFoundException e) {
            throw new HelmFailure(HelmFailure.SECRET_NOT_FOUND, "cannot read the credentials of " + spec.displayUrl()
                    + " (spec.secretRef): " + e.getMessage());
        }
    }

    private void succeeded(HelmRepositorySource repository) {
        HelmIndex index = repository.index;
        repository.ready = true;
        repository.failureReason = null;
        repository.message = "index revision '" + repository.indexDigest + "' lists " + index.chartCount()
                + (index.chartCount() == 1 ? " chart" : " charts");
        if (repository.reportedFailure != null) {
            events.info(repository.ref, Reasons.ARTIFACT_UP_TO_DATE, "index of '" + repository.spec.displayUrl()
                    + "' fetched again: revision '" + repository.indexDigest + "'", repository.indexDigest);
            repository.reportedFailure = null;
        }
    }

    private void failed(HelmRepositorySource repository, HelmRepository.Spec spec, HelmFailure failure) {
        metrics.failed(spec, failure.reason());
        repository.ready = false;
        repository.failureReason = failure.eventReason(Reasons.INDEXATION_FAILED);
        repository.message = failure.getMessage();
        LOG.warnf("%s: %s", repository.display(), failure.getMessage());
        if (!failure.getMessage().equals(repository.reportedFailure)) {
            events.error(repository.ref, repository.failureReason, failure.getMessage(),
                    repository.indexDigest);
            repository.reportedFailure = failure.getMessage();
        }
    }

    private static void warnSkipped(HelmRepositorySource repository, HelmIndex index) {
        if (!index.skipped().isEmpty()) {
            LOG.warnf("%s: index.yaml: %d unusable entries skipped, as Helm does: %s", repository.display(),
                    index.skipped().size(), String.join("; ", index.skipped().subList(0,
                            Math.min(5, index.skipped().size()))));
        }
    }
}
