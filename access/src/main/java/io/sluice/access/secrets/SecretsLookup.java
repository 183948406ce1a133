package io.sluice.access.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the Secret a {@code secretRef} names. Secrets live in a directory laid out as a mounted
 * Kubernetes Secret, {@code <dir>/<namespace>/<name>/<key>} (docs/architecture.md, "Secrets"), so that their values
 * never travel over Kafka. Reading the management cluster's Secrets comes later. A service makes one
 * from its {@code sluice.secrets-dir} setting.
 */
public class SecretsLookup {
    private final Optional<Path> directory;

    public SecretsLookup(Optional<String> directory) {
        this.directory = directory.filter(d -> !d.isBlank()).map(Path::of);
    }

    /** The secret {@code namespace/name}, or an error that says where it was looked for. */
    public Secret get(String namespace, String name) {
        if (directory.isEmpty()) {
            throw new SecretNotFoundException("secret " + namespace + "/" + name
                    + " not found: no secrets directory is configured (sluice.secrets-dir, `sluice up --secrets DIR`)");
        }
        if (!validSegment(namespace) || !validSegment(name)) {
            throw new SecretNotFoundException("secret reference " + namespace + "/" + name + " is not a valid name");
        }
        Path folder = directory.get().resolve(namespace).resolve(name);
        if (!Files.isDirectory(folder)) {
            throw new SecretNotFoundException("secret " + namespace + "/" + name + " not found in " + folder);
        }
        Map<String, byte[]> data = new HashMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String key = file.getFileName().toString();
                // Kubernetes mounts keys through ..data links and ..<timestamp> folders, which are not keys;
                // a key may start with one dot (.dockerconfigjson of a kubernetes.io/dockerconfigjson Secret).
                if (!key.startsWith("..")) {
                    data.put(key, Files.readAllBytes(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read secret " + namespace + "/" + name + " in " + folder, e);
        }
        return new Secret(namespace, name, data);
    }

    /** Kubernetes names: no path separators, no dot segments, so a reference can never leave the directory. */
    private static boolean validSegment(String segment) {
        return segment != null && segment.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?") && !segment.contains("..");
    }
}
