package io.sluice.render.argo;

import io.sluice.render.argo.ArgoSource.DirectoryOptions;
import io.sluice.render.manifest.RenderException;
import io.sluice.render.manifest.RepositoryPaths;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    private final DirectoryOptions options;
    private final ArgoGlob include;
    private final ArgoGlob exclude;

    private DirectoryManifests(Path tree, Path top, DirectoryOptions options) {
        this.tree = tree;
        this.top = top;
        this.options = options;
        this.include = options.include() == null ? null : ArgoGlob.compile(options.include());
        this.exclude = options.exclude() == null ? null : ArgoGlob.compile(options.exclude());
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
                if (options.recurse()) {
                    walk(entry, files, errors);
                }
                continue;
            }
            String name = entry.getFileName().toString();
            if (!(name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"))) {
                continue;
            }
            String relative = top.relativize(entry).toString().replace('\\', '/');
            if (exclude != null && exclude.matches(relative) || include != null && !include.matches(relative)) {
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
