package io.sluice.cli.demo;

import io.sluice.testkit.registry.OciRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The demo's local OCI registry (Debian's docker-registry, plain HTTP, no login) holding the image
 * {@value #REPOSITORY}, so that image automation runs with nothing but this machine. Its address is
 * kept in the demo folder for {@code sluice demo tag}.
 */
public final class DemoRegistry implements AutoCloseable {
    static final String REPOSITORY = "web-app";
    static final String FIRST_TAG = "1.0.0";
    private static final String ADDRESS_FILE = "registry-address";

    private final OciRegistry registry;

    private DemoRegistry(OciRegistry registry) {
        this.registry = registry;
    }

    /** Starts the registry with {@value #FIRST_TAG} pushed; empty when docker-registry is not installed. */
    public static Optional<DemoRegistry> start(Path demoDir) throws Exception {
        if (!Files.isExecutable(OciRegistry.BINARY)) {
            return Optional.empty();
        }
        OciRegistry registry = OciRegistry.start(demoDir.resolve("registry"));
        registry.push(REPOSITORY, FIRST_TAG);
        Files.writeString(demoDir.resolve(ADDRESS_FILE), registry.address());
        return Optional.of(new DemoRegistry(registry));
    }

    /** The image name users' ImageRepository scans: {@code host:port/web-app}. */
    public String image() {
        return registry.address() + "/" + REPOSITORY;
    }

    /** Pushes {@code tag} of the demo image to the running demo registry whose address {@code demoDir} keeps. */
    public static String push(Path demoDir, String tag) throws Exception {
        Path address = demoDir.resolve(ADDRESS_FILE);
        if (!Files.exists(address)) {
            throw new IOException("no demo registry: start Sluice with `sluice up --demo` (docker-registry installed)");
        }
        String host = Files.readString(address).trim();
        OciRegistry.at(host).push(REPOSITORY, tag);
        return host + "/" + REPOSITORY + ":" + tag;
    }

    @Override
    public void close() {
        registry.close();
    }
}
