package io.sluice.render.manifest;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The resources Flux lists when it generates a kustomization.yaml for a folder that has none: every
 * *.yaml and *.yml file below it (not *.json), depth first in name order, and each sub-folder that
 * holds a kustomization file as one resource, without descending into it. Each listed file must
 * parse as Kubernetes objects; unlike Flux, every bad file is reported at once, with its line.
 */
final class ManifestScan {
    private final Path tree;
    private final Path top;
    private final List<String> resources = new ArrayList<>();
    private final ManifestObjects objects = new ManifestObjects();

    private ManifestScan(Path tree, Path top) {
        this.tree = tree;
        this.top = top;
    }

    /** The resources of {@code dir}, relative to it ("./deploy.yaml", "./backend"). */
    static List<String> resources(Path dir, Path tree) throws RenderException {
        ManifestScan scan = new ManifestScan(tree, dir);
        scan.walk(dir);
        scan.objects.result();
        return List.copyOf(scan.resources);
    }

    private void walk(Path dir) throws RenderException {
        for (Path entry : sortedEntries(dir)) {
            if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                if (KustomizationFile.find(entry) != null) {
                    resources.add(relative(entry));
                } else {
                    walk(entry);
                }
                continue;
            }
            String name = entry.getFileName().toString();
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                check(entry);
                resources.add(relative(entry));
            }
        }
    }

    private void check(Path file) {
        String origin = RepositoryPaths.display(tree, file);
        try {
            for (Map<String, Object> object : ManifestYaml.parse(Files.readString(file), origin)) {
                objects.add(object, origin);
            }
        } catch (RenderException e) {
            e.errors().forEach(objects::addError);
        } catch (CharacterCodingException e) {
            objects.addError(origin + ": not UTF-8 text");
        } catch (IOException e) {
            objects.addError(origin + ": cannot read: " + e.getMessage());
        }
    }

    private List<Path> sortedEntries(Path dir) throws RenderException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new RenderException(RepositoryPaths.display(tree, dir) + ": cannot list files: " + e.getMessage());
        }
    }

    private String relative(Path path) {
        return "./" + top.relativize(path).toString().replace('\\', '/');
    }
}
