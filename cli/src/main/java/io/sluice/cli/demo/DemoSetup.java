package io.sluice.cli.demo;

import io.sluice.testkit.git.WorkingCopy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * {@code sluice up --demo}: a local Git repository holding examples/, and a configuration folder
 * whose GitRepository points at it, so the whole flow runs with nothing but this checkout.
 */
public final class DemoSetup {
    /** The URL the examples' GitRepository names; the demo replaces it with the local repository. */
    static final String EXAMPLE_URL = "https://github.com/myorg/k8s-manifests";
    /** The image the examples' ImageRepository names; the demo replaces it with its local registry's. */
    static final String EXAMPLE_IMAGE = "myregistry/web-app";
    /** The configuration documents of image automation: left out when the demo has no registry. */
    static final String IMAGES = "images.yaml";
    /** The example that reads Sluice's events: no part of the GitOps repository (and its build output is binary). */
    static final String SUBSCRIBER = "subscriber";

    private final Path examples;
    private final Path demoDir;

    public DemoSetup(Path examples, Path demoDir) {
        this.examples = examples;
        this.demoDir = demoDir;
    }

    public Path repository() {
        return demoDir.resolve("k8s-manifests.git");
    }

    public Path configDir() {
        return demoDir.resolve("config");
    }

    /**
     * Creates the repository on first use (later runs keep the user's commits) and writes the config
     * folder; its ImageRepository names {@code registry}'s web-app image, or, when there is no registry
     * (null), image automation is left out.
     */
    public void prepare(DemoRegistry registry) throws IOException {
        if (!Files.exists(repository())) {
            createRepository();
        }
        Path config = configDir();
        Files.createDirectories(config);
        Files.deleteIfExists(config.resolve(IMAGES));
        try (Stream<Path> docs = Files.list(examples.resolve("clusters/demo"))) {
            for (Path doc : docs.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                if (registry == null && doc.getFileName().toString().equals(IMAGES)) {
                    continue;
                }
                String text = Files.readString(doc).replace(EXAMPLE_URL, repository().toUri().toString());
                if (registry != null) {
                    text = text.replace(EXAMPLE_IMAGE, registry.image());
                }
                Files.writeString(config.resolve(doc.getFileName()), text);
            }
        }
    }

    private void createRepository() throws IOException {
        try {
            Git.init().setBare(true).setInitialBranch("main").setDirectory(repository().toFile()).call().close();
            Path work = demoDir.resolve("work");
            try (WorkingCopy copy = WorkingCopy.create(work, repository().toUri().toString());
                    Stream<Path> files = Files.walk(examples)) {
                for (Path file : files.filter(Files::isRegularFile)
                        .filter(file -> !examples.relativize(file).startsWith(SUBSCRIBER)).toList()) {
                    copy.write(examples.relativize(file).toString(), Files.readString(file));
                }
                copy.commitAndPush("Demo: the examples of the Sluice repository");
            }
        } catch (GitAPIException e) {
            throw new IOException("cannot create the demo repository at " + repository() + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
