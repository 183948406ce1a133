package io.sluice.image.scan;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sluice.events.ConfigDocument;
import io.sluice.events.Event;
import io.sluice.events.Topics;
import io.sluice.events.kafka.Publisher;
import io.sluice.image.registry.RegistryClient;
import io.sluice.image.repository.ImageRepositorySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Scans every ImageRepository of the config topic on its own interval and says what it found on
 * the events topic: once per change of the result (not every interval, which would flood alerts).
 */
public final class ImageScanner implements AutoCloseable {
    public static final String SERVICE = "image-service";
    private static final Logger LOG = Logger.getLogger(ImageScanner.class);

    /** A repository being scanned: the spec its task uses, and the task. */
    private record Scheduled(ImageRepositorySpec spec, ScheduledFuture<?> task) {
    }

    private final RegistryClient registry = new RegistryClient();
    private final ScheduledExecutorService pool;
    private final Publisher publisher;
    private final MeterRegistry meters;
    private final Duration defaultTimeout;
    private final Map<String, Scheduled> scheduled = new ConcurrentHashMap<>();
    private final Map<String, ScanStatus> statuses = new ConcurrentHashMap<>();
    /** What was last announced per repository: the outcome and the tags, so only changes are announced. */
    private final Map<String, String> announced = new ConcurrentHashMap<>();

    public ImageScanner(Publisher publisher, MeterRegistry meters, Duration defaultTimeout, int threads) {
        this.publisher = publisher;
        this.meters = meters;
        this.defaultTimeout = defaultTimeout;
        this.pool = Executors.newScheduledThreadPool(threads, task -> {
            Thread thread = new Thread(task, "image-scan");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Listener of the config topic view: (re)schedules or stops the scans of an ImageRepository. */
    public void onConfig(String key, ConfigDocument document) {
        if (!ImageRepositorySpec.isImageRepository(key)) {
            return;
        }
        Scheduled previous = scheduled.remove(key);
        if (previous != null) {
            previous.task().cancel(false);
        }
        if (document == null) {
            statuses.remove(key);
            announced.remove(key);
            return;
        }
        ImageRepositorySpec spec = ImageRepositorySpec.of(document, defaultTimeout);
        if (!spec.unsupportedFields().isEmpty()) {
            String message = String.join(", ", spec.unsupportedFields()) + " not supported by image-service yet: "
                    + "scanned anonymously without them";
            LOG.warnf("image repository %s: %s", spec.ref().display(), message);
            publish(Event.info(spec.ref(), "UnsupportedFields", message, null, SERVICE));
        }
        if (!spec.errors().isEmpty()) {
            record(key, spec, null, "cannot scan: " + String.join("; ", spec.errors()));
            return;
        }
        if (spec.suspend()) {
            statuses.put(key, status(spec, null, "suspended"));
            return;
        }
        scheduled.put(key, new Scheduled(spec, pool.scheduleWithFixedDelay(() -> scan(key, spec), 0,
                spec.interval().toMillis(), TimeUnit.MILLISECONDS)));
    }

    public List<ScanStatus> statuses() {
        return statuses.values().stream()
                .sorted(Comparator.comparing(ScanStatus::namespace).thenComparing(ScanStatus::name)).toList();
    }

    private void scan(String key, ImageRepositorySpec spec) {
        String url = spec.name().tagsUrl(spec.insecure());
        long start = System.nanoTime();
        List<String> tags = null;
        String failure = null;
        try {
            tags = spec.counted(registry.tags(url, spec.timeout()));
        } catch (RegistryClient.RegistryException e) {
            failure = e.getMessage();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: keep scanning, say why this one failed.
            failure = e.toString();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Scheduled current = scheduled.get(key);
        if (current == null || current.spec() != spec) {
            return; // the ImageRepository changed or went away during the scan
        }
        String outcome = tags == null ? "failed" : "succeeded";
        Timer.builder("sluice.image.scan").description("Time to list the tags of one image repository")
                .tag("repository", repository(spec)).tag("outcome", outcome).register(meters).record(took);
        if (tags == null) {
            LOG.warnf("scan %s (%s): failed in %d ms: %s", repository(spec), spec.image(), took.toMillis(), failure);
            record(key, spec, null, "scan of " + spec.image() + " failed: " + failure);
        } else {
            LOG.infof("scan %s (%s): %d tags in %d ms", repository(spec), spec.image(), tags.size(), took.toMillis());
            record(key, spec, tags, "found " + tags.size() + " tags");
        }
    }

    /** Keeps the status and announces the result when it differs from the last one announced. */
    private void record(String key, ImageRepositorySpec spec, List<String> tags, String message) {
        statuses.put(key, status(spec, tags, message));
        String result = message + (tags == null ? "" : tags.stream().sorted().toList());
        if (result.equals(announced.put(key, result))) {
            return;
        }
        publish(tags == null
                ? Event.error(spec.ref(), "ScanFailed", message, null, SERVICE)
                : Event.info(spec.ref(), "ScanSucceeded", message, null, SERVICE));
    }

    private static ScanStatus status(ImageRepositorySpec spec, List<String> tags, String message) {
        return new ScanStatus(spec.ref().namespace(), spec.ref().name(), spec.image(), Instant.now(),
                tags == null ? null : tags.size(), message);
    }

    private static String repository(ImageRepositorySpec spec) {
        return spec.ref().namespace() + "/" + spec.ref().name();
    }

    private void publish(Event event) {
        try {
            publisher.send(Topics.EVENTS, event.involvedObject().id(), event);
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
