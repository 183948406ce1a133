package io.sluice.render.artifact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/** Fresh folders for renders under one root, each deleted after its render. */
public final class ScratchSpace {
    private static final Logger LOG = Logger.getLogger(ScratchSpace.class);
    private final Path root;

    /** Prepares {@code root}, removing folders a crashed render left behind. */
    public ScratchSpace(Path root) {
        try {
            Files.createDirectories(root);
            this.root = root.toRealPath();
            try (Stream<Path> leftovers = Files.list(this.root)) {
                leftovers.forEach(ScratchSpace::deleteTree);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the scratch folder " + root, e);
        }
    }

    /** A new empty folder, deleted with everything in it on close. */
    public Folder create() {
        try {
            return new Folder(Files.createTempDirectory(root, "render-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch folder under " + root, e);
        }
    }

    /** A scratch folder of one render. */
    public record Folder(Path path) implements AutoCloseable {
        @Override
        public void close() {
            deleteTree(path);
        }
    }

    /** Deletes a tree without following the links inside it. */
    private static void deleteTree(Path top) {
        try (Stream<Path> paths = Files.walk(top)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warnf("cannot delete scratch folder %s: %s", top, e.getMessage());
        }
    }
}
