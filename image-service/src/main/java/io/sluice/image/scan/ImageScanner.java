package io.sluice.image.scan;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sluice.access.secrets.SecretsLookup;
import io.sluice.api.ObjectRef;
import io.sluice.api.image.ImageRepository;
import io.sluice.api.meta.GoRegex;
import io.sluice.api.read.ReadResult;
import io.sluice.api.status.Reasons;
import io.sluice.events.ConfigDocument;
import io.sluice.events.ImageStatus;
import io.sluice.image.registry.RegistryClient;
import io.sluice.image.registry.RegistryException;
import io.sluice.image.registry.RepositoryAccessReader;
import io.sluice.image.schedule.Schedules;
import io.sluice.image.status.ImageReports;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Scans the ImageRepositories it is given ({@code ImageShare} decides which: this instance's share)
 * each on its own interval, and at once when asked ({@link #scanNow}), and says what it found: the
 * repository's status on sluice.image.status after every scan, an event when the outcome changed
 * ({@link ImageReports}). The tags found are kept for ImagePolicies ({@link #tags}), and those who
 * choose from them are told when they changed ({@link #onTagsChanged}).
 */
public final class ImageScanner implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ImageScanner.class);

    private final RegistryClient registry = new RegistryClient();
    private final RepositoryAccessReader access;
    private final Schedules schedules;
    private final ImageReports reports;
    private final MeterRegistry meters;
    /** The repositories scanned here, by id. */
    private final Map<String, ImageRepository> scanned = new ConcurrentHashMap<>();
    private final Map<String, ScanStatus> statuses = new ConcurrentHashMap<>();
    /** The last successful scan of each repository scanned here. */
    private final Map<String, ScanResult> results = new ConcurrentHashMap<>();
    private final List<Consumer<String>> tagListeners = new CopyOnWriteArrayList<>();

    /** Scans with {@code threads} threads, reading spec.secretRef and spec.certSecretRef from {@code secrets}. */
    public ImageScanner(ImageReports reports, MeterRegistry meters, int threads, SecretsLookup secrets) {
        this.access = new RepositoryAccessReader(secrets);
        this.reports = reports;
        this.meters = meters;
        this.schedules = new Schedules("image-scan", threads);
    }

    /**
     * Calls {@code listener} with the repository's id (its key on sluice.config) after each scan whose
     * tags differ from the last ones kept here (the first scan of a repository here included), once
     * however many policies use it. It runs on the scan's thread before the next scan of that repository
     * can be recorded: keep it short.
     */
    public void onTagsChanged(Consumer<String> listener) {
        tagListeners.add(listener);
    }

    /** The last successful scan of the repository {@code repositoryId}, if this instance scans it. */
    public Optional<ScanResult> tags(String repositoryId) {
        return Optional.ofNullable(results.get(repositoryId));
    }

    /** Why the repository {@code repositoryId} has no tags here: its status message, or that it is not scanned. */
    public String noTagsReason(String repositoryId) {
        ScanStatus status = statuses.get(repositoryId);
        return status == null ? "it is not scanned yet" : status.message();
    }

    /**
     * The digest of the manifest {@code tag} names in the repository {@code repositoryId} (which this
     * instance scans), asked of its registry now with the repository's login.
     */
    public String digest(String repositoryId, String tag) throws RegistryException {
        ImageRepository repository = scanned.get(repositoryId);
        if (repository == null) {
            throw new RegistryException("ImageRepository " + repositoryId + " is not scanned by this instance");
        }
        return registry.digest(access.read(repository), tag);
    }

    /**
     * Scans the ImageRepository {@code document} from now on, in place of its previous version. The tags
     * of the last scan are kept while the repository scanned is the same (a suspended one keeps them, as
     * Flux's status does), until its next scan.
     */
    public void start(String key, ConfigDocument document) {
        schedules.stop(key);
        ReadResult<ImageRepository> read = document.read(ImageRepository.KIND);
        if (!read.valid()) {
            // source-service publishes only valid documents: this one comes from an older version or a test.
            results.remove(key);
            record(key, document.ref(), null, null, Reasons.SCAN_FAILED, "cannot scan: "
                    + String.join("; ", read.errorMessages()));
            return;
        }
        ImageRepository repository = read.value();
        scanned.put(key, repository);
        ScanResult last = results.get(key);
        if (last != null && !last.name().equals(repository.spec().name())) {
            results.remove(key);
        }
        if (repository.spec().suspend()) {
            record(key, repository.ref(), repository.spec().image(), results.get(key), Reasons.SUSPENDED, "suspended");
            return;
        }
        schedules.start(key, repository.spec().interval(), run -> scan(run, repository));
    }

    /** Scans {@code key} now, if this instance scans it; false otherwise. */
    public boolean scanNow(String key) {
        return schedules.runNow(key);
    }

    /**
     * Stops scanning the ImageRepository {@code key}: another instance scans it now. When this
     * returns, no scan of it is recorded or announced here.
     */
    public void stop(String key) {
        schedules.stop(key);
        scanned.remove(key);
        statuses.remove(key);
        results.remove(key);
    }

    public List<ScanStatus> statuses() {
        return statuses.values().stream()
                .sorted(Comparator.comparing(ScanStatus::namespace).thenComparing(ScanStatus::name)).toList();
    }

    private void scan(Schedules.Run run, ImageRepository repository) {
        ImageRepository.Spec spec = repository.spec();
        long start = System.nanoTime();
        List<String> tags = null;
        String failure = null;
        try {
            tags = counted(spec.exclusionList(), registry.tags(access.read(repository)));
        } catch (RegistryException e) {
            failure = e.getMessage();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        List<String> found = tags;
        String why = failure;
        run.report(() -> report(run.key(), repository, found, why, took));
    }

    /** Counts and logs one scan, keeps and publishes its status, and tells the policies' evaluations. */
    private void report(String key, ImageRepository repository, List<String> tags, String failure, Duration took) {
        ImageRepository.Spec spec = repository.spec();
        String outcome = tags == null ? "failed" : "succeeded";
        String name = repository.ref().namespace() + "/" + repository.ref().name();
        Timer.builder("sluice.image.scan").description("Time to list the tags of one image repository")
                .tag("repository", name).tag("outcome", outcome).register(meters).record(took);
        if (tags == null) {
            LOG.warnf("ImageRepository %s (%s): outcome=failed duration=%dms: %s", name, spec.image(), took.toMillis(),
                    failure);
            record(key, repository.ref(), spec.image(), null, Reasons.SCAN_FAILED, "scan of " + spec.image()
                    + " failed: " + failure);
            return;
        }
        LOG.infof("ImageRepository %s (%s): outcome=succeeded tags=%d duration=%dms", name, spec.image(), tags.size(),
                took.toMillis());
        ScanResult result = ScanResult.of(spec.image(), spec.name(), tags, Instant.now());
        ScanResult previous = results.put(key, result);
        record(key, repository.ref(), spec.image(), result, Reasons.SCAN_SUCCEEDED, "successful scan: found "
                + tags.size() + " tags");
        if (previous == null || !previous.tags().equals(result.tags())) {
            tagListeners.forEach(listener -> tellTagsChanged(listener, key));
        }
    }

    private static void tellTagsChanged(Consumer<String> listener, String key) {
        try {
            listener.accept(key);
        } catch (RuntimeException e) {
            LOG.errorf(e, "a listener of the tags of %s failed", key);
        }
    }

    /** The tags that count: those no entry of spec.exclusionList matches (anywhere in the tag, as Go's MatchString). */
    static List<String> counted(List<GoRegex> exclusionList, List<String> tags) {
        return tags.stream().filter(tag -> exclusionList.stream()
                .noneMatch(exclusion -> exclusion.pattern().matcher(tag).find())).toList();
    }

    /** Keeps the status here (GET /api/images) and publishes it (sluice.image.status, an event when it changed). */
    private void record(String key, ObjectRef ref, String image, ScanResult scan, String reason, String message) {
        boolean failed = Reasons.SCAN_FAILED.equals(reason);
        statuses.put(key, scan == null || failed
                ? new ScanStatus(ref.namespace(), ref.name(), image, Instant.now(), null, null, message)
                : new ScanStatus(ref.namespace(), ref.name(), image, scan.scanTime(), scan.tagCount(),
                        scan.latestTags(), message));
        reports.report(ImageStatus.of(ref, !failed, reason, message, Instant.now(), scan == null ? null
                : new ImageStatus.Scan(scan.scanTime(), scan.tagCount(), scan.latestTags()), null, null), null);
    }

    @Override
    public void close() {
        schedules.close();
    }
}
