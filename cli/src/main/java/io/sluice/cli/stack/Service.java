package io.sluice.cli.stack;

import java.nio.file.Path;

/** The five Sluice services, each a Quarkus application in its own Maven module. */
public enum Service {
    SOURCE("source-service"),
    RENDER("render-service"),
    APPLY("apply-service"),
    IMAGE("image-service"),
    NOTIFICATION("notification-service");

    private final String module;

    Service(String module) {
        this.module = module;
    }

    public String module() {
        return module;
    }

    /** The runnable jar that {@code ./mvnw package} builds for this service. */
    public Path jar(Path sluiceHome) {
        return sluiceHome.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
