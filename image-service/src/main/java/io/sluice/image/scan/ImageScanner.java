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
import io.sluice.events.Event;
import io.sluice.events.Topics;
import io.sluice.events.kafka.MessageSink;
import io.sluice.image.registry.RegistryClient;
import io.sluice.image.registry.RegistryException;
import io.sluice.image.registry.RepositoryAccessReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Scans the ImageRepositories it is given ({@link ScanShare} decides which: this instance's share)
 * each on its own interval and says what it found on the events topic: once per change of the
 * result (not every interval, which would flood alerts). The tags found are kept for ImagePolicies
 * ({@link #tags}), and those who choose from them are told when they changed ({@link #onTagsChanged}).
 */
public final class ImageScanner implements AutoCloseable {
    public static final String SERVICE = "image-service";
    private static final Logger LOG = Logger.getLogger(ImageScanner.class);

    /**
     * The scans of one ImageRepository. A scan's result is recorded and announced under this lock
     * unless the scans were stopped: once {@link #stop} returns, nothing more is said about it here.
     */
    private final class Scans implements Runnable {
        private final String key;
        private final ImageRepository repository;
        private ScheduledFuture<?> task;
        private boolean stopped;

        Scans(String key, ImageRepository repository) {
            this.key = key;
            this.repository = repository;
        }

        @Override
        public void run() {
            scan(this);
        }

        synchronized void stop() {
            stopped = true;
            // A scan under way finishes its request (within spec.timeout) and then says nothing.
            task.cancel(false);
        }
    }

    private final RegistryClient registry = new RegistryClient();
    private final RepositoryAccessReader access;
    private final ScheduledExecutorService pool;
    private final MessageSink sink;
    private final MeterRegistry meters;
    private final Map<String, Scans> scheduled = new ConcurrentHashMap<>();
    private final Map<String, ScanStatus> statuses = new ConcurrentHashMap<>();
    /** What was last announced per repository: the outcome and the tags, so only changes are announced. */
    private final Map<String, String> announced = new ConcurrentHashMap<>();
    /** The last successful scan of each repository scanned here. */
    private final Map<String, ScanResult> results = new ConcurrentHashMap<>();
    private final List<Consumer<String>> tagListeners = new CopyOnWriteArrayList<>();

    /** Scans with {@code threads} threads, reading spec.secretRef and spec.certSecretRef from {@code secrets}. */
    public ImageScanner(MessageSink sink, MeterRegistry meters, int threads, SecretsLookup secrets) {
        this.access = new RepositoryAccessReader(secrets);
        this.sink = sink;
        this.meters = meters;
        this.pool = Executors.newScheduledThreadPool(threads, task -> {
            Thread thread = new Thread(task, "image-scan");
            thread.setDaemon(true);
            return thread;
        });
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

    /**
     * The digest of the manifest {@code tag} names in the repository {@code repositoryId} (which this
     * instance scans), asked of its registry now with the repository's login.
     */
    public String digest(String repositoryId, String tag) throws RegistryException {
        Scans scans = scheduled.get(repositoryId);
        if (scans == null) {
            throw new RegistryException("ImageRepository " + repositoryId + " is not scanned by this instance");
        }
        return registry.digest(access.read(scans.repository), tag);
    }

    /**
     * Scans the ImageRepository {@code document} from now on, in place of its previous version. The tags
     * of the last scan are kept while the repository scanned is the same (a suspended one keeps them, as
     * Flux's status does), until its next scan.
     */
    public void start(String key, ConfigDocument document) {
        stopScans(key);
        ReadResult<ImageRepository> read = document.read(ImageRepository.KIND);
        if (!read.valid()) {
            // source-service publishes only valid documents: this one comes from an older version or a test.
            results.remove(key);
            record(key, document.ref(), null, null, "cannot scan: " + String.join("; ", read.errorMessages()));
            return;
        }
        ImageRepository repository = read.value();
        ScanResult last = results.get(key);
        if (last != null && !last.name().equals(repository.spec().name())) {
            results.remove(key);
        }
        if (repository.spec().suspend()) {
            statuses.put(key, status(repository.ref(), repository.spec().image(), results.get(key), "suspended"));
            return;
        }
        Scans scans = new Scans(key, repository);
        synchronized (scans) {
            scans.task = pool.scheduleWithFixedDelay(scans, 0, repository.spec().interval().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        scheduled.put(key, scans);
    }

    /**
     * Stops scanning the ImageRepository {@code key}: another instance scans it now. When this
     * returns, no scan of it is recorded or announced here. What was last announced is kept: when
     * the partitions of a rebalance come back to this instance, an unchanged result is not announced again.
     */
    public void stop(String key) {
        stopScans(key);
        statuses.remove(key);
        results.remove(key);
    }

    /** Stops scanning the ImageRepository {@code key}, deleted, and forgets all about it. */
    public void forget(String key) {
        stop(key);
        announced.remove(key);
    }

    private void stopScans(String key) {
        Scans previous = scheduled.remove(key);
        if (previous != null) {
            previous.stop();
        }
    }

    public List<ScanStatus> statuses() {
        return statuses.values().stream()
                .sorted(Comparator.comparing(ScanStatus::namespace).thenComparing(ScanStatus::name)).toList();
    }

    private void scan(Scans scans) {
        ImageRepository repository = scans.repository;
        ImageRepository.Spec spec = repository.spec();
        long start = System.nanoTime();
        List<String> tags = null;
        String failure = null;
        try {
            tags = counted(spec.exclusionList(), registry.tags(access.read(repository)));
        } catch (RegistryException e) {
            failure = e.getMessage();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: keep scanning, say why this one failed.
            failure = e.toString();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        synchronized (scans) {
            if (!scans.stopped) {
                report(scans.key, repository, tags, failure, took);
            }
        }
    }

    /** Counts and logs one scan, keeps its status and announces its result when it changed. */
    private void report(String key, ImageRepository repository, List<String> tags, String failure, Duration took) {
        ImageRepository.Spec spec = repository.spec();
        String outcome = tags == null ? "failed" : "succeeded";
        String name = repository.ref().namespace() + "/" + repository.ref().name();
        Timer.builder("sluice.image.scan").description("Time to list the tags of one image repository")
                .tag("repository", name).tag("outcome", outcome).register(meters).record(took);
        if (tags == null) {
            LOG.warnf("scan %s (%s): failed in %d ms: %s", name, spec.image(), took.toMillis(), failure);
            record(key, repository.ref(), spec.image(), null, "scan of " + spec.image() + " failed: " + failure);
            return;
        }
        LOG.infof("scan %s (%s): %d tags in %d ms", name, spec.image(), tags.size(), took.toMillis());
        ScanResult result = ScanResult.of(spec.image(), spec.name(), tags, Instant.now());
        ScanResult previous = results.put(key, result);
        record(key, repository.ref(), spec.image(), result, "found " + tags.size() + " tags");
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

    /** Keeps the status and announces the result when it differs from the last one announced. */
    private void record(String key, ObjectRef ref, String image, ScanResult scan, String message) {
        statuses.put(key, status(ref, image, scan, message));
        String result = message + (scan == null ? "" : scan.tags().stream().sorted().toList());
        if (result.equals(announced.put(key, result))) {
            return;
        }
        publish(scan == null
                ? Event.error(ref, Reasons.SCAN_FAILED, message, null, SERVICE)
                : Event.info(ref, Reasons.SCAN_SUCCEEDED, message, null, SERVICE));
    }

    private static ScanStatus status(ObjectRef ref, String image, ScanResult scan, String message) {
        return scan == null ? new ScanStatus(ref.namespace(), ref.name(), image, Instant.now(), null, null, message)
                : new ScanStatus(ref.namespace(), ref.name(), image, scan.scanTime(), scan.tagCount(),
                        scan.latestTags(), message);
    }

    private void publish(Event event) {
        try {
            sink.send(Topics.EVENTS, event.involvedObject().id(), event);
        } catch (RuntimeException e) {
            LOG.errorf("cannot publish %s about %s: %s", event.reason(), event.involvedObject().display(),
                    e.getMessage());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
