package io.sluice.source.config;

import java.io.IOException;
import java.util.List;
import java.util.function.BiFunction;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * Reads every *.yaml and *.yml file under a folder of a commit, recursively, into one
 * {@link ConfigScan}, exactly as a config folder's files are read (hidden files and folders passed
 * over). Symlinks are not followed: configuration is what the tree holds.
 */
final class BootstrapTree {
    /** A configuration file larger than this is refused rather than read into memory. */
    static final int MAX_FILE_BYTES = 10 * 1024 * 1024;

    /** {@code origin} gives a file's origin from the commit sha and the file's path in the repository. */
    static ConfigScan scan(Repository repository, RevCommit commit, String folder,
            BiFunction<String, String, String> origin) throws IOException {
        ConfigScan scan = new ConfigScan();
        ConfigFileParser parser = new ConfigFileParser(scan);
        String where = origin.apply(commit.name(), folder.isEmpty() ? "." : folder);
        if (!folder.isEmpty()) {
            try (TreeWalk found = TreeWalk.forPath(repository, folder, commit.getTree())) {
                if (found == null || found.getFileMode(0) != FileMode.TREE) {
                    scan.problems.add(ConfigProblem.ofFile(where, where
                            + ": no such folder in the repository: nothing is published or deleted"));
                    scan.everyFolderListed = false;
                    return scan;
                }
            }
        }
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(commit.getTree());
            walk.setRecursive(true);
            if (!folder.isEmpty()) {
                walk.setFilter(PathFilter.create(folder));
            }
            while (walk.next()) {
                String path = walk.getPathString();
                if (!configFile(path, folder, walk.getFileMode(0))) {
                    continue;
                }
                String fileOrigin = origin.apply(commit.name(), path);
                try {
                    parser.parse(repository.open(walk.getObjectId(0)).getBytes(MAX_FILE_BYTES), fileOrigin);
                } catch (LargeObjectException e) {
                    scan.unreadable(fileOrigin, fileOrigin + ": larger than " + MAX_FILE_BYTES + " bytes, not read");
                }
            }
        }
        return scan;
    }

    private static boolean configFile(String path, String folder, FileMode mode) {
        String inFolder = folder.isEmpty() ? path : path.substring(folder.length() + 1);
        boolean hidden = List.of(inFolder.split("/")).stream().anyMatch(part -> part.startsWith("."));
        return !hidden && (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE)
                && (path.endsWith(".yaml") || path.endsWith(".yml"));
    }

    private BootstrapTree() {
    }
}
