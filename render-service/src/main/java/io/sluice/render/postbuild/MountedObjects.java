package io.sluice.render.postbuild;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * ConfigMaps or Secrets kept in a folder laid out as Kubernetes mounts them,
 * {@code <dir>/<namespace>/<name>/<key>} (docs/architecture.md, "Secrets"), so that their values never travel over Kafka.
 */
public final class MountedObjects {
    private final String kind;
    private final String property;
    private final Optional<Path> directory;

    /** {@code property} is the setting that names the folder, for errors. */
    public MountedObjects(String kind, String property, Optional<String> directory) {
        this.kind = kind;
        this.property = property;
        this.directory = directory.filter(d -> !d.isBlank()).map(Path::of);
    }

    /** The data of {@code namespace/name} by key, or empty when it does not exist. */
    public Optional<Map<String, String>> get(String namespace, String name) throws NotFoundException {
        if (directory.isEmpty()) {
            throw new NotFoundException(kind + " " + namespace + "/" + name + " not found: no folder of "
                    + kind + "s is configured (" + property + ")");
        }
        if (!validName(namespace) || !validName(name)) {
            throw new NotFoundException(kind + " " + namespace + "/" + name + " is not a valid reference");
        }
        Path folder = directory.get().resolve(namespace).resolve(name);
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        Map<String, String> data = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String key = file.getFileName().toString();
                // Kubernetes mounts keys through hidden ..data links; only the visible names are keys.
                if (!key.startsWith(".")) {
                    data.put(key, new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new NotFoundException(kind + " " + namespace + "/" + name + " cannot be read in " + folder + ": "
                    + e.getClass().getSimpleName());
        }
        return Optional.of(data);
    }

    /** Where {@code namespace/name} is looked for, for errors. */
    public String location(String namespace, String name) {
        return directory.map(d -> d.resolve(namespace).resolve(name).toString()).orElse("(" + property + " unset)");
    }

    /** Kubernetes names: no path separators or dot segments, so a reference never leaves the folder. */
    private static boolean validName(String segment) {
        return segment != null && segment.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?") && !segment.contains("..");
    }

    /** A reference that cannot be resolved; the message never holds a value. */
    public static final class NotFoundException extends Exception {
        NotFoundException(String message) {
            super(message);
        }
    }
}
