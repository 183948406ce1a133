package io.sluice.source;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.sluice.testkit.git.GitHttpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A fresh config, data and secrets folder for the service under test, made before Quarkus starts,
 * and an empty bootstrap repository (on a smart-HTTP server) whose ./clusters/demo the service
 * reads. Every test class names it (with KafkaTestResource), so Quarkus starts once for the module.
 */
public class SourceTestFolders implements QuarkusTestResourceLifecycleManager {
    static final String BOOTSTRAP_REPOSITORY = "bootstrap";
    private Path root;
    private GitHttpServer bootstrapServer;

    @Override
    public Map<String, String> start() {
        try {
            root = Files.createTempDirectory("sluice-source-test-");
            Files.createDirectories(root.resolve("config"));
            Files.createDirectories(root.resolve("secrets"));
            bootstrapServer = GitHttpServer.start(root.resolve("git"));
            bootstrapServer.createRepository(BOOTSTRAP_REPOSITORY);
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare the service's folders and bootstrap repository", e);
        }
        return Map.ofEntries(
                Map.entry("sluice.source.bootstrap.url", bootstrapServer.url(BOOTSTRAP_REPOSITORY)),
                Map.entry("sluice.source.bootstrap.path", "./clusters/demo"),
                Map.entry("sluice.source.bootstrap.interval", "1s"),
                Map.entry("sluice.source.config-dirs", root.resolve("config").toString()),
                Map.entry("sluice.data-dir", root.resolve("data").toString()),
                Map.entry("sluice.source.config-rescan", "1s"),
                Map.entry("sluice.secrets-dir", root.resolve("secrets").toString()),
                Map.entry("sluice.source.max-artifact-size", "1M"),
                Map.entry("sluice.source.git.argo-interval", "2s"));
    }

    @Override
    public void stop() {
        try {
            bootstrapServer.close();
        } catch (Exception e) {
            // the server dies with the test JVM anyway
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
