package io.sluice.source.config;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists every *.yaml and *.yml file under the config folders, recursively and in a stable order,
 * and reads each into one {@link ConfigScan}. Hidden files and folders (.git, .github) are not
 * configuration and are passed over.
 */
public final class ConfigScanner {
    private final List<Path> folders;

    public ConfigScanner(List<Path> folders) {
        this.folders = List.copyOf(folders);
    }

    public ConfigScan scan() {
        ConfigScan scan = new ConfigScan();
        ConfigFileParser parser = new ConfigFileParser(scan);
        for (Path folder : folders) {
            for (Path file : yamlFiles(folder, scan)) {
                String origin = origin(folder, file);
                try {
                    parser.parse(Files.readAllBytes(file), origin);
                } catch (IOException e) {
                    scan.unreadable(origin, origin + ": cannot read: " + e.getMessage());
                }
            }
        }
        return scan;
    }

    private static List<Path> yamlFiles(Path folder, ConfigScan scan) {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            unlisted(scan, folder.toString(), "config folder " + folder + " cannot be read: not a folder or missing");
            return files;
        }
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(folder) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String name = file.getFileName().toString();
                    if (!hidden(file) && attrs.isRegularFile() && (name.endsWith(".yaml") || name.endsWith(".yml"))) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    unlisted(scan, origin(folder, file), origin(folder, file) + ": cannot be read: " + e);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            unlisted(scan, folder.toString(), "config folder " + folder + " cannot be read: " + e);
        }
        files.sort(null);
        return files;
    }

    /** A part of a folder could not be listed: documents published from it must not be taken for deleted. */
    private static void unlisted(ConfigScan scan, String path, String message) {
        scan.problems.add(ConfigProblem.ofFile(path, message));
        scan.everyFolderListed = false;
    }

    private static boolean hidden(Path path) {
        return path.getFileName().toString().startsWith(".");
    }

    private static String origin(Path folder, Path file) {
        return folder.relativize(file).toString().replace('\\', '/');
    }
}
