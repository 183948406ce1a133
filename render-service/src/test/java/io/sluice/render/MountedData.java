package io.sluice.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** ConfigMaps and Secrets for tests, written in the folders the service reads, as Kubernetes mounts them. */
final class MountedData {
    static final Path CONFIG_MAPS = Path.of("target/test-vars/configmaps/flux-system");
    static final Path SECRETS = Path.of("target/test-vars/secrets/flux-system");

    /** Writes object {@code name} in {@code folder}: one file per key. */
    static void write(Path folder, String name, Map<String, String> data) {
        try {
            Files.createDirectories(folder.resolve(name));
            for (Map.Entry<String, String> entry : data.entrySet()) {
                Files.writeString(folder.resolve(name).resolve(entry.getKey()), entry.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MountedData() {
    }
}
