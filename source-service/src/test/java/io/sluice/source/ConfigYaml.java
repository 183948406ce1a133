package io.sluice.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.eclipse.microprofile.config.ConfigProvider;

/** Configuration documents as users write them, and config-folder files written the way a rescan can read safely. */
final class ConfigYaml {

    /** A Flux Kustomization in flux-system reading {@code path} of the GitRepository k8s-manifests every 5m. */
    static String kustomization(String name, String path) {
        return """
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata:
                  name: %s
                  namespace: flux-system
                spec:
                  interval: 5m
                  path: %s
                  prune: true
                  sourceRef:
                    kind: GitRepository
                    name: k8s-manifests
                """.formatted(name, path);
    }

    /** Writes beside and moves, so a rescan never reads half a file. */
    static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling("." + file.getFileName() + ".partial");
        Files.writeString(partial, content);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Writes {@code relative} in the service's config folder; returns the file. */
    static Path writeInConfigFolder(String relative, String content) {
        Path file = configFolder().resolve(relative);
        try {
            write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The folder the service under test reads configuration from (sluice.source.config-dirs). */
    static Path configFolder() {
        return Path.of(ConfigProvider.getConfig().getValue("sluice.source.config-dirs", String.class));
    }

    private ConfigYaml() {
    }
}
