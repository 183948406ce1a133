package io.sluice.source;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A fresh config, data and secrets folder for the service under test, made before Quarkus starts.
 * Every test class names it (with KafkaTestResource), so Quarkus starts once for the module.
 */
public class SourceTestFolders implements QuarkusTestResourceLifecycleManager {
    private Path root;

    @Override
    public Map<String, String> start() {
        try {
            root = Files.createTempDirectory("sluice-source-test-");
            Files.createDirectories(root.resolve("config"));
            Files.createDirectories(root.resolve("secrets"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "sluice.source.config-dirs", root.resolve("config").toString(),
                "sluice.data-dir", root.resolve("data").toString(),
                "sluice.source.config-rescan", "1s",
                "sluice.secrets-dir", root.resolve("secrets").toString(),
                "sluice.source.max-artifact-size", "1M",
                "sluice.source.git.argo-interval", "2s");
    }

    @Override
    public void stop() {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
