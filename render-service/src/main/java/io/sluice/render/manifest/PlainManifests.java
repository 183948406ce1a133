package io.sluice.render.manifest;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A folder of plain manifests: every *.yaml, *.yml and *.json below it, in sorted path order. */
public final class PlainManifests {

    /** Reads {@code dir}; files are named relative to {@code tree}, the repository root, in errors. */
    public static List<Map<String, Object>> read(Path dir, Path tree) throws RenderException {
        ManifestObjects objects = new ManifestObjects();
        for (Path file : manifestFiles(dir, tree)) {
            String origin = RepositoryPaths.display(tree, file);
            try {
                for (Map<String, Object> object : YamlDocuments.parse(Files.readString(file), origin)) {
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
        return objects.result();
    }

    private static List<Path> manifestFiles(Path dir, Path tree) throws RenderException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> {
                        String name = file.getFileName().toString();
                        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
                    })
                    .sorted((a, b) -> RepositoryPaths.display(tree, a).compareTo(RepositoryPaths.display(tree, b)))
                    .toList();
        } catch (IOException e) {
            throw new RenderException(RepositoryPaths.display(tree, dir) + ": cannot list files: " + e.getMessage());
        }
    }

    private PlainManifests() {
    }
}
