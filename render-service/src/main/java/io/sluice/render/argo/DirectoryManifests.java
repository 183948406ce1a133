package io.sluice.render.argo;

import io.sluice.api.argo.DirectoryOptions;
import io.sluice.render.manifest.RenderException;
import io.sluice.render.manifest.RepositoryPaths;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The manifest files of an Argo CD directory source, as Argo CD's repo-server picks them: the
 * *.yaml, *.yml and *.json files of the folder (and of its sub-folders when recurse is set), in
 * path order, without those the exclude glob matches, and only those the include glob matches
 * when one is set; both match the path relative to the source folder. A link that leaves the
 * repository is an error.
 */
final class DirectoryManifests {
    private final Path tree;
    private final Path top;
    private final boolean recurse;
    private final Predicate<String> picked;

    private DirectoryManifests(Path tree, Path top, DirectoryOptions options) {
        this.tree = tree;
        this.top = top;
        this.recurse = options.recurse();
        this.picked = picked(options);
    }

    /**
     * Which files {@code options} pick, by their path relative to the source folder: the rule the
     * render follows, and the file closure its cache key is made of.
     */
    static Predicate<String> picked(DirectoryOptions options) {
        ArgoGlob include = options.include() == null ? null : ArgoGlob.compile(options.include());
        ArgoGlob exclude = options.exclude() == null ? null : ArgoGlob.compile(options.exclude());
        return relative -> (options.recurse() || !relative.contains("/"))
                && (relative.endsWith(".yaml") || relative.endsWith(".yml") || relative.endsWith(".json"))
                && (exclude == null || !exclude.matches(relative)) && (include == null || include.matches(relative));
    }

    /** A file's objects are read by the caller; this returns each file with its text. */
    record ManifestFile(String display, String text) {
    }

    static List<ManifestFile> read(Path tree, Path dir, DirectoryOptions options) throws RenderException {
        List<ManifestFile> files = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        new DirectoryManifests(tree, dir, options).walk(dir, files, errors);
        if (!errors.isEmpty()) {
            throw new RenderException(errors);
        }
        return files;
    }

    private void walk(Path dir, List<ManifestFile> files, List<String> errors) throws RenderException {
        List<Path> entries;
        try (Stream<Path> listed = Files.list(dir)) {
            entries = listed.sorted().toList();
        } catch (IOException e) {
            throw new RenderException(RepositoryPaths.display(tree, dir) + ": cannot list files: " + e.getMessage());
        }
        for (Path entry : entries) {
            if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                if (recurse) {
                    walk(entry, files, errors);
                }
                continue;
            }
            if (!picked.test(top.relativize(entry).toString().replace('\\', '/'))) {
                continue;
            }
            String display = RepositoryPaths.display(tree, entry);
            try {
                if (!entry.toRealPath().startsWith(tree.toRealPath())) {
                    errors.add(display + ": a link that leaves the repository");
                    continue;
                }
                files.add(new ManifestFile(display, Files.readString(entry)));
            } catch (CharacterCodingException e) {
                errors.add(display + ": not UTF-8 text");
            } catch (IOException e) {
                errors.add(display + ": cannot read: " + e.getMessage());
            }
        }
    }
}
