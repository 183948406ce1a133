package io.sluice.cli.demo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo repository holds the example manifests of this checkout, and not the subscriber example. */
class DemoSetupTest {
    @TempDir
    Path dir;

    @Test
    void theDemoRepositoryHoldsTheManifestsButNotTheSubscriberOrItsBuild() throws IOException {
        Path examples = dir.resolve("examples");
        try (Stream<Path> files = Files.walk(Path.of("../examples"))) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(file -> !file.toString().contains("/target/")).toList()) {
                Path copy = examples.resolve(Path.of("../examples").relativize(file));
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
        // what `mvn compile` leaves in the subscriber's folder: not text
        Path built = examples.resolve("subscriber/target/classes/example/EventSubscriber.class");
        Files.createDirectories(built.getParent());
        Files.write(built, new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe, (byte) 0xff});

        DemoSetup demo = new DemoSetup(examples, dir.resolve("demo"));
        demo.prepare(null);

        List<String> paths = paths(demo.repository());
        assertTrue(paths.contains("production/web-app/kustomization.yaml"), paths::toString);
        assertTrue(paths.contains("clusters/demo/web-app.yaml"), paths::toString);
        assertFalse(paths.stream().anyMatch(path -> path.startsWith("subscriber/")), paths::toString);
    }

    private static List<String> paths(Path bareRepository) throws IOException {
        List<String> paths = new ArrayList<>();
        try (Repository repository = new FileRepositoryBuilder().setGitDir(bareRepository.toFile()).build();
                RevWalk commits = new RevWalk(repository);
                TreeWalk tree = new TreeWalk(repository)) {
            tree.addTree(commits.parseCommit(repository.resolve("refs/heads/main")).getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                paths.add(tree.getPathString());
            }
        }
        return paths;
    }
}
