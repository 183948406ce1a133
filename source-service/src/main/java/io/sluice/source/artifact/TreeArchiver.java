package io.sluice.source.artifact;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Writes the tree of a commit as a tar.gz that depends only on the tree (and the ignore rules):
 * entries sorted by path, a fixed time, owner and mode, regular files and folders only. A symbolic
 * link is stored as a link when its target stays inside the tree and refused otherwise; links are
 * never followed. A path with a "." or ".." component (a tree no git would write, but a hostile
 * server can send) is refused, so no entry can land outside the folder it is unpacked in.
 * Submodules (gitlinks) have no content in the tree and are left out.
 */
public final class TreeArchiver {
    private static final FileTime FIXED_TIME = FileTime.fromMillis(0);

    private record Entry(String path, int mode, ObjectId blob, String linkTarget) {
    }

    public void write(Repository repository, RevTree tree, OutputStream out) throws IOException {
        write(repository, tree, SourceIgnore.NONE, out);
    }

    /** Writes {@code tree} without the paths {@code ignore} leaves out. */
    public void write(Repository repository, RevTree tree, SourceIgnore ignore, OutputStream out) throws IOException {
        List<Entry> entries = entries(repository, tree, ignore);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out),
                StandardCharsets.UTF_8.name())) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Entry entry : entries) {
                write(tar, repository, entry);
            }
            tar.finish();
        }
    }

    private static List<Entry> entries(Repository repository, RevTree tree, SourceIgnore ignore) throws IOException {
        List<Entry> entries = new ArrayList<>();
        Map<String, String> links = new HashMap<>();
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(tree);
            walk.setRecursive(false);
            while (walk.next()) {
                String path = walk.getPathString();
                int mode = walk.getRawMode(0);
                requireSafeName(path, walk.getNameString());
                if (ignore.ignored(path, FileMode.TREE.equals(mode))) {
                    continue;
                }
                if (FileMode.TREE.equals(mode)) {
                    entries.add(new Entry(path + "/", 040755, null, null));
                    walk.enterSubtree();
                } else if (FileMode.SYMLINK.equals(mode)) {
                    String target = new String(repository.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
                    links.put(path, target);
                    entries.add(new Entry(path, 0120777, null, target));
                } else if (FileMode.EXECUTABLE_FILE.equals(mode)) {
                    entries.add(new Entry(path, 0100755, walk.getObjectId(0), null));
                } else if (FileMode.REGULAR_FILE.equals(mode)) {
                    entries.add(new Entry(path, 0100644, walk.getObjectId(0), null));
                }
            }
        }
        new SymlinkCheck(links).requireAllInside();
        entries.sort(Comparator.comparing(Entry::path));
        return entries;
    }

    private static void requireSafeName(String path, String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\0")) {
            throw new ArchiveException("path '" + path + "' has a '" + name + "' component, which could write outside"
                    + " the folder the artifact is unpacked in: refused");
        }
    }

    private static void write(TarArchiveOutputStream tar, Repository repository, Entry entry) throws IOException {
        TarArchiveEntry tarEntry = entry.linkTarget() != null
                ? new TarArchiveEntry(entry.path(), TarConstants.LF_SYMLINK)
                : new TarArchiveEntry(entry.path());
        tarEntry.setMode(entry.mode());
        tarEntry.setModTime(FIXED_TIME);
        tarEntry.setIds(0, 0);
        tarEntry.setNames("", "");
        if (entry.linkTarget() != null) {
            tarEntry.setLinkName(entry.linkTarget());
        }
        if (entry.blob() == null) {
            tar.putArchiveEntry(tarEntry);
        } else {
            var loader = repository.open(entry.blob());
            tarEntry.setSize(loader.getSize());
            tar.putArchiveEntry(tarEntry);
            loader.copyTo(tar);
        }
        tar.closeArchiveEntry();
    }
}
