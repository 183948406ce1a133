package io.sluice.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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

    private ConfigYaml() {
    }
}
