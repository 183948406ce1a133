package io.sluice.source.artifact;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.runtime.configuration.MemorySize;
import io.sluice.events.Json;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Artifacts stored by content under {@code <data-dir>/artifacts/<sha256hex>.tar.gz}. Each source
 * keeps its newest {@value #KEEP_PER_SOURCE} artifacts (consumers may still be fetching an older
 * one); a file no source keeps is deleted. Which source keeps which file is saved beside them, so
 * the rule holds across restarts. An artifact over {@code sluice.source.max-artifact-size} is
 * refused and never kept.
 */
@ApplicationScoped
public class ArtifactStore {
    public static final int KEEP_PER_SOURCE = 3;
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Logger LOG = Logger.getLogger(ArtifactStore.class);
    private static final TypeReference<Map<String, List<String>>> KEPT_TYPE = new TypeReference<>() {
    };

    /** Writes one archive to the stream it is given. */
    public interface ArchiveWriter {
        void write(OutputStream out) throws IOException;
    }

    private final MemorySize maxArtifactSize;
    private final Path folder;
    private final Path keptFile;
    /** Source id to the hex digests it keeps, newest first. */
    private Map<String, List<String>> kept;

    @Inject
    public ArtifactStore(@ConfigProperty(name = "sluice.data-dir") Path dataDir,
            @ConfigProperty(name = "sluice.source.max-artifact-size", defaultValue = "50M") MemorySize maxArtifactSize) {
        this.maxArtifactSize = maxArtifactSize;
        this.folder = dataDir.resolve("artifacts");
        this.keptFile = folder.resolve("kept-by-source.json");
    }

    /** Opens the store: leftovers of writes interrupted by a stop go, and what each source keeps is read back. */
    @PostConstruct
    void open() {
        try {
            Files.createDirectories(folder);
            try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(folder, "incoming-*")) {
                for (Path leftover : leftovers) {
                    Files.delete(leftover);
                }
            }
            kept = Files.exists(keptFile) ? Json.MAPPER.readValue(keptFile.toFile(), KEPT_TYPE) : new HashMap<>();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the artifact store " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stores what {@code writer} writes as the newest artifact of {@code sourceId}; an
     * {@link ArtifactTooLargeException} when it is over the size limit.
     */
    public StoredArtifact store(String sourceId, ArchiveWriter writer) throws IOException {
        Path incoming = Files.createTempFile(folder, "incoming-", ".tar.gz");
        try {
            MessageDigest sha256 = sha256();
            SizeCappedOutputStream capped = new SizeCappedOutputStream(
                    new BufferedOutputStream(Files.newOutputStream(incoming)), maxArtifactSize.asLongValue());
            try (OutputStream out = new DigestOutputStream(capped, sha256)) {
                writer.write(out);
            }
            capped.requireWithinLimit();
            StoredArtifact artifact = new StoredArtifact(HexFormat.of().formatHex(sha256.digest()), Files.size(incoming));
            keep(sourceId, incoming, artifact.hex());
            return artifact;
        } finally {
            Files.deleteIfExists(incoming);
        }
    }

    /** The file of an artifact, when {@code hex} is a well-formed digest that is stored. */
    public Optional<Path> find(String hex) {
        if (hex == null || !HEX.matcher(hex).matches()) {
            return Optional.empty();
        }
        Path file = file(hex);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** Drops a deleted source's artifacts, except those another source still keeps. */
    public synchronized void forget(String sourceId) {
        List<String> dropped = kept.remove(sourceId);
        if (dropped != null) {
            saveAndDelete(dropped);
        }
    }

    /** Moves the file in place and records it in one step, so a concurrent clean-up cannot delete it in between. */
    private synchronized void keep(String sourceId, Path incoming, String hex) throws IOException {
        Files.move(incoming, file(hex), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        List<String> newestFirst = new ArrayList<>(kept.getOrDefault(sourceId, List.of()));
        newestFirst.remove(hex);
        newestFirst.add(0, hex);
        List<String> dropped = new ArrayList<>();
        while (newestFirst.size() > KEEP_PER_SOURCE) {
            dropped.add(newestFirst.remove(newestFirst.size() - 1));
        }
        kept.put(sourceId, newestFirst);
        saveAndDelete(dropped);
    }

    private void saveAndDelete(List<String> dropped) {
        try {
            Path incoming = Files.createTempFile(folder, "incoming-", ".json");
            Json.MAPPER.writeValue(incoming.toFile(), kept);
            Files.move(incoming, keptFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            for (String hex : dropped) {
                if (kept.values().stream().noneMatch(list -> list.contains(hex))) {
                    Files.deleteIfExists(file(hex));
                }
            }
        } catch (IOException e) {
            // Only disk space is lost: every kept artifact is still served.
            LOG.warnf("cannot clean up old artifacts in %s: %s", folder, e.getMessage());
        }
    }

    private Path file(String hex) {
        return folder.resolve(hex + ".tar.gz");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
