package io.sluice.render.artifact;

import io.sluice.render.manifest.RenderException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Predicate;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks an artifact (tar.gz) into a folder. The archive comes from a repository that may be
 * hostile: entries with absolute paths or "..", links leaving the tree, device files and archives
 * that unpack beyond the size limit are refused.
 */
public final class TarGzExtractor {
    private final long maxBytes;

    public TarGzExtractor(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Unpacks {@code archive} into the empty folder {@code tree}; errors name {@code url} and the entry. */
    public void extract(Path archive, Path tree, String url) throws RenderException {
        extract(archive, tree, url, entry -> true);
    }

    /**
     * The same, writing only the files {@code files} accepts (by entry name); every entry is still
     * checked, so a hostile archive fails whichever files are wanted.
     */
    public void extract(Path archive, Path tree, String url, Predicate<String> files) throws RenderException {
        long total = 0;
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            Path realTree = tree.toRealPath();
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                String name = entry.getName();
                if (name.startsWith("/")) {
                    throw refused(url, name, "has an absolute path");
                }
                if (Arrays.asList(name.split("/")).contains("..")) {
                    throw refused(url, name, "leaves the tree (..)");
                }
                Path target = realTree.resolve(name).normalize();
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                // An earlier link entry may stand for a folder: write only where it leads inside the tree.
                Path parent = target.getParent().toRealPath();
                if (!parent.startsWith(realTree)) {
                    throw refused(url, name, "would be written through a link leaving the tree");
                }
                if (entry.isSymbolicLink()) {
                    checkLinkStaysInside(realTree, parent, entry.getLinkName(), url, name);
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else if (entry.isFile()) {
                    total += entry.getSize();
                    if (total > maxBytes) {
                        throw new RenderException("artifact " + url + ": unpacks to more than the limit of "
                                + maxBytes + " bytes");
                    }
                    if (files.test(name)) {
                        try (OutputStream out = Files.newOutputStream(target)) {
                            tar.transferTo(out);
                        }
                    }
                } else {
                    throw refused(url, name, "is not a file, folder or symbolic link");
                }
            }
        } catch (IOException e) {
            throw new RenderException("artifact " + url + ": not a readable tar.gz: " + e);
        }
    }

    /**
     * A link may climb with leading ".." from its (real) folder, then only descend: descending
     * through links that each stay inside cannot leave the tree, and the climb is exact.
     */
    private static void checkLinkStaysInside(Path realTree, Path parent, String link, String url, String name)
            throws RenderException {
        if (link.startsWith("/")) {
            throw refused(url, name, "is a link to an absolute path");
        }
        String[] segments = link.split("/");
        int climb = 0;
        while (climb < segments.length && segments[climb].equals("..")) {
            climb++;
        }
        boolean climbsLater = Arrays.asList(segments).subList(climb, segments.length).contains("..");
        if (climbsLater || !parent.resolve(link).normalize().startsWith(realTree)) {
            throw refused(url, name, "is a link leaving the tree (" + link + ")");
        }
    }

    private static RenderException refused(String url, String entry, String why) {
        return new RenderException("artifact " + url + ": entry '" + entry + "' " + why);
    }
}
