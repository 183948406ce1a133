package io.sluice.apply.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Secrets of the secrets directory of docs/architecture.md ("Secrets") ({@code sluice.secrets-dir}, the same
 * folder the other services read): {@code <dir>/<namespace>/<name>/<key>}, laid out as mounted
 * Kubernetes Secrets. Values are returned to build clients only; they are never logged.
 */
@ApplicationScoped
public class SecretsDirectory {
    static final String PROPERTY = "sluice.secrets-dir";

    private final Optional<Path> root;

    SecretsDirectory(@ConfigProperty(name = PROPERTY) Optional<String> root) {
        this.root = root.filter(d -> !d.isBlank()).map(Path::of);
    }

    /** Where Secrets are looked for, for messages. */
    String describe() {
        return root.map(r -> PROPERTY + " (" + r.toAbsolutePath() + ")").orElse(PROPERTY + " (not set)");
    }

    /** The keys and values of Secret {@code namespace/name}; empty when there is no such Secret. */
    Optional<Map<String, byte[]>> read(String namespace, String name) {
        if (root.isEmpty() || !validName(namespace) || !validName(name)) {
            return Optional.empty();
        }
        Path folder = root.get().resolve(namespace).resolve(name);
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        Map<String, byte[]> data = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String key = file.getFileName().toString();
                if (!key.startsWith(".")) { // a mounted Secret's ..data links are not keys
                    data.put(key, Files.readAllBytes(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Secret " + namespace + "/" + name + " in " + folder, e);
        }
        return Optional.of(data);
    }

    /** The names of the Secrets in {@code namespace}, sorted. */
    List<String> names(String namespace) {
        if (root.isEmpty() || !validName(namespace) || !Files.isDirectory(root.get().resolve(namespace))) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(root.get().resolve(namespace))) {
            return folders.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(SecretsDirectory::validName).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list Secrets of namespace " + namespace + " in " + describe(), e);
        }
    }

    /** A Kubernetes name: never a path separator or dot segment, so no reference leaves the directory. */
    private static boolean validName(String name) {
        return name != null && name.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?") && !name.contains("..");
    }
}
