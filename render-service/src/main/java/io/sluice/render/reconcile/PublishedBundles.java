package io.sluice.render.reconcile;

import io.sluice.events.Json;
import io.sluice.events.RenderedBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The bundle last published per application and the inputs (artifact digest and Kustomization
 * spec) it came from. The bundles come from the rendered topic; the inputs are not in the message,
 * so they are kept on disk next to the bundle's time: a record is trusted only while its bundle
 * is still the one on the topic. Losing the disk costs one render per application, not a wrong skip;
 * so does taking an application over from another instance.
 */
public final class PublishedBundles {
    private static final Logger LOG = Logger.getLogger(PublishedBundles.class);

    private record Entry(String inputs, RenderedBundle bundle) {
    }

    /** What the disk keeps for one application. */
    private record Stored(String appId, String inputs, Instant bundleTime) {
    }

    private final Path dir;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public PublishedBundles(Path dir) {
        this.dir = dir;
    }

    /**
     * A bundle read from the topic ({@code null}: tombstoned), published by another instance or by this
     * one: what the next render of the application compares with. Its inputs are known only while it is
     * the bundle this instance recorded (the same time); otherwise the next render runs and publishes
     * only if its result differs.
     */
    public void observe(String appId, RenderedBundle bundle) {
        if (bundle == null) {
            entries.remove(appId);
            return;
        }
        entries.compute(appId, (id, entry) -> entry != null && Objects.equals(entry.bundle().time(), bundle.time())
                ? entry : new Entry(null, bundle));
    }

    /**
     * Once the topic has been read: the inputs this service recorded for the bundles still on it; the
     * records of bundles no longer there are dropped.
     */
    public void restoreInputs() {
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(dir)) {
                files.forEach(file -> {
                    Stored stored = read(file);
                    Entry entry = stored == null ? null : entries.get(stored.appId());
                    if (entry != null && Objects.equals(entry.bundle().time(), stored.bundleTime())) {
                        entries.replace(stored.appId(), entry, new Entry(stored.inputs(), entry.bundle()));
                    } else {
                        delete(file);
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
    }

    public Set<String> appIds() {
        return Set.copyOf(entries.keySet());
    }

    public boolean sameInputs(String appId, String inputs) {
        Entry entry = entries.get(appId);
        return entry != null && inputs.equals(entry.inputs());
    }

    public RenderedBundle last(String appId) {
        Entry entry = entries.get(appId);
        return entry == null ? null : entry.bundle();
    }

    public void remember(String appId, String inputs, RenderedBundle bundle) {
        entries.put(appId, new Entry(inputs, bundle));
        Path file = file(appId);
        try {
            Files.createDirectories(dir);
            Path temporary = Files.createTempFile(dir, "record-", ".tmp");
            Files.writeString(temporary, Json.write(new Stored(appId, inputs, bundle.time())));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Only a cache: without it the next start renders this application once more.
            LOG.warnf("cannot record the inputs of %s in %s: %s", appId, file, e.getMessage());
        }
    }

    public void forget(String appId) {
        entries.remove(appId);
        delete(file(appId));
    }

    private Path file(String appId) {
        return dir.resolve(URLEncoder.encode(appId, StandardCharsets.UTF_8) + ".json");
    }

    private static Stored read(Path file) {
        try {
            return Json.read(Files.readString(file), Stored.class);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("cannot delete %s: %s", file, e.getMessage());
        }
    }
}
