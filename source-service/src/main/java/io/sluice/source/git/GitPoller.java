package io.sluice.source.git;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sluice.access.git.GitAccess;
import io.sluice.access.git.GitCredentials;
import io.sluice.access.git.GitCredentialsException;
import io.sluice.access.secrets.SecretNotFoundException;
import io.sluice.api.meta.RedactedUrl;
import io.sluice.api.status.Reasons;
import io.sluice.events.SourceArtifact;
import io.sluice.source.SourceEvents;
import io.sluice.source.artifact.ArchiveException;
import io.sluice.source.artifact.ArtifactStore;
import io.sluice.source.artifact.ArtifactTooLargeException;
import io.sluice.source.artifact.ArtifactUrls;
import io.sluice.source.artifact.PublishedArtifacts;
import io.sluice.source.artifact.ServedArtifacts;
import io.sluice.source.artifact.SourceIgnore;
import io.sluice.source.artifact.StoredArtifact;
import io.sluice.source.artifact.TreeArchiver;
import io.sluice.source.trace.PollSpans;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * One poll of one GitRepository: ask the remote which commit its ref names, and only when that is
 * not the revision last published build the artifact, store it and publish it on
 * sluice.source.artifacts. Failures become the source's status and an error event.
 */
@ApplicationScoped
public class GitPoller {
    private static final Logger LOG = Logger.getLogger(GitPoller.class);

    private final PublishedArtifacts published;
    private final SourceEvents events;
    private final ArtifactStore store;
    private final ArtifactUrls urls;
    private final ServedArtifacts served;
    private final GitCredentials credentials;
    private final MeterRegistry registry;
    private final PollSpans spans;
    private final GitMirrors mirrors;
    private final TreeArchiver archiver = new TreeArchiver();

    private record PollResult(String revision, String description) {
    }

    @Inject
    public GitPoller(PublishedArtifacts published, SourceEvents events, ArtifactStore store, ArtifactUrls urls,
            ServedArtifacts served, GitCredentials credentials, MeterRegistry registry, PollSpans spans,
            @ConfigProperty(name = "sluice.data-dir") Path dataDir) {
        this.published = published;
        this.events = events;
        this.store = store;
        this.urls = urls;
        this.served = served;
        this.credentials = credentials;
        this.registry = registry;
        this.spans = spans;
        this.mirrors = new GitMirrors(dataDir.resolve("mirrors"));
    }

    /** The mirrors, one per URL, which every reader of a repository shares so that one operation runs on each at a time. */
    GitMirrors mirrors() {
        return mirrors;
    }

    String publishedRevision(String sourceId) {
        return published.revision(sourceId);
    }

    /** A deleted source's artifact leaves the topic and the store. */
    void forget(String sourceId) {
        published.forget(sourceId);
    }

    void poll(GitSource source) {
        synchronized (source) {
            PolledRepository spec = source.spec;
            if (spec == null || spec.suspend()) {
                return;
            }
            long start = System.nanoTime();
            try (PollSpans.Poll poll = spans.start(source.id(), source.takeRequest())) {
                PollResult outcome = reconcile(source, spec, poll);
                source.ready = true;
                source.message = "stored artifact for revision '" + outcome.revision() + "'";
                if (source.reportedFailure != null && outcome.description() == null) {
                    events.info(source.ref, Reasons.ARTIFACT_UP_TO_DATE,
                            "artifact up-to-date with remote revision: '" + outcome.revision() + "'", outcome.revision());
                }
                source.reportedFailure = null;
                if (outcome.description() != null) {
                    LOG.infof("%s: revision=%s outcome=%s duration=%dms", source.display(), outcome.revision(),
                            outcome.description(), millisSince(start));
                }
            } catch (GitOperationException e) {
                failed(source, Reasons.GIT_OPERATION_FAILED, e.getMessage(), start);
            } catch (GitCredentialsException | SecretNotFoundException e) {
                failed(source, Reasons.AUTHENTICATION_FAILED, spec.displayUrl() + ": " + e.getMessage(), start);
            } catch (ArtifactTooLargeException e) {
                failed(source, Reasons.ARTIFACT_TOO_LARGE, source.display() + " (" + spec.displayUrl() + "): "
                        + e.getMessage(), start);
            } catch (ArchiveException e) {
                failed(source, Reasons.ARCHIVE_OPERATION_FAILED, spec.displayUrl() + ": " + e.getMessage(), start);
            } catch (IOException | UncheckedIOException e) {
                failed(source, Reasons.STORAGE_OPERATION_FAILED, "cannot store the artifact of " + spec.displayUrl() + ": "
                        + e.getMessage(), start);
            } catch (RuntimeException e) {
                // e.g. Kafka unreachable: the next poll tries again, since nothing was recorded as published.
                failed(source, Reasons.RECONCILIATION_FAILED, spec.displayUrl() + ": "
                        + RedactedUrl.scrub(String.valueOf(e.getMessage()), spec.url()), start);
            } finally {
                Timer.builder("sluice.source.poll").description("Polls of a source, fetch and archive included")
                        .tag("source", source.id()).register(registry)
                        .record(Duration.ofNanos(System.nanoTime() - start));
                source.lastPoll = Instant.now();
            }
        }
    }

    /**
     * The outcome's description is null when nothing changed. Only a new revision's artifact carries
     * a trace, from {@code poll}: a rebuild of a published revision is no new commit.
     */
    private PollResult reconcile(GitSource source, PolledRepository spec, PollSpans.Poll poll) throws IOException {
        try (GitAccess access = credentials.open(source.ref.namespace(), spec.url(), spec.secretRef())) {
            ResolvedRef remote = mirrors.resolve(spec, access);
            SourceArtifact last = published.get(source.id());
            String expected = spec.reference().revision(remote.ref(), remote.object().name());
            GitSource.Build build = new GitSource.Build(spec.ignore());
            if (last != null && expected.equals(last.revision()) && upToDate(last, spec)
                    && build.equals(source.lastBuild)) {
                return new PollResult(last.revision(), null);
            }
            record Built(String revision, StoredArtifact stored) {
            }
            Built built = mirrors.withCommit(spec, access, remote, bytes -> fetchBytes(source).increment(bytes),
                    (repository, commit) -> {
                SourceIgnore ignore = SourceIgnore.of(repository, commit.getTree(), spec.ignore());
                return new Built(spec.reference().revision(remote.ref(), commit.name()),
                        store.store(source.id(), out -> archiver.write(repository, commit.getTree(), ignore, out)));
            });
            source.lastBuild = build;
            Instant now = Instant.now();
            SourceArtifact artifact = SourceArtifact.of(source.id(), spec.displayUrl(), built.revision(),
                    built.stored().digest(), urls.of(built.stored().hex()), built.stored().size(), now);
            if (last != null && sameContent(last, artifact) && served.served(last)) {
                return new PollResult(artifact.revision(), "artifact rebuilt, unchanged " + artifact.digest()
                        + " served at " + last.url());
            }
            if (last == null || !artifact.revision().equals(last.revision())) {
                artifact = artifact.withTrace(poll.newCommit(now));
            }
            if (!published.publish(source.id(), artifact)) {
                return new PollResult(artifact.revision(), "not published: the source moved to another instance");
            }
            registry.counter("sluice.source.artifacts", "source", source.id()).increment();
            events.info(source.ref, Reasons.NEW_ARTIFACT, "stored artifact for revision '" + artifact.revision() + "'",
                    artifact.revision());
            return new PollResult(artifact.revision(), "new artifact " + artifact.digest() + " (" + artifact.size()
                    + " bytes)");
        }
    }

    /** The published artifact still describes this spec and its file is still served (here, or by its publisher). */
    private boolean upToDate(SourceArtifact last, PolledRepository spec) {
        return spec.displayUrl().equals(last.repositoryUrl()) && served.served(last);
    }

    /** The same archive of the same revision: where it is served from does not matter while it is served. */
    private static boolean sameContent(SourceArtifact a, SourceArtifact b) {
        return Objects.equals(a.revision(), b.revision()) && Objects.equals(a.digest(), b.digest())
                && Objects.equals(a.repositoryUrl(), b.repositoryUrl());
    }

    /** sluice_source_fetch_bytes_total{source}: what the source's fetches added to its mirror. */
    private Counter fetchBytes(GitSource source) {
        return Counter.builder("sluice.source.fetch.bytes").baseUnit("bytes")
                .description("Bytes fetched into the mirror by a source's polls").tag("source", source.id())
                .register(registry);
    }

    private void failed(GitSource source, String reason, String message, long start) {
        registry.counter("sluice.source.poll.failures", "source", source.id(), "reason", reason).increment();
        source.ready = false;
        source.message = message;
        LOG.warnf("%s: revision=%s outcome=%s: %s duration=%dms", source.display(), publishedRevision(source.id()),
                reason, message, millisSince(start));
        if (!message.equals(source.reportedFailure)) {
            events.error(source.ref, reason, message, publishedRevision(source.id()));
            source.reportedFailure = message;
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
