package io.sluice.render.manifest;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths inside an extracted repository tree, as users write them: relative to the repository root. */
public final class RepositoryPaths {

    /**
     * The folder {@code spec.path} names, which Flux reads relative to the repository root
     * ("./apps/web", "apps/web" and "/apps/web" alike; empty is the root).
     */
    public static Path resolve(Path tree, String specPath) throws RenderException {
        String relative = specPath == null ? "" : specPath.strip();
        while (relative.startsWith("/")) {
            relative = relative.substring(1);
        }
        Path dir = tree.resolve(relative).normalize();
        if (!dir.startsWith(tree)) {
            throw new RenderException("spec.path " + specPath + ": leaves the repository root");
        }
        if (!Files.isDirectory(dir)) {
            throw new RenderException("spec.path " + specPath + ": no such folder in the artifact");
        }
        try {
            if (!dir.toRealPath().startsWith(tree.toRealPath())) {
                throw new RenderException("spec.path " + specPath + ": a link that leaves the repository root");
            }
        } catch (java.io.IOException e) {
            throw new RenderException("spec.path " + specPath + ": " + e.getMessage());
        }
        return dir;
    }

    /** {@code file} relative to the repository root with '/' separators, e.g. {@code apps/web/deploy.yaml}. */
    public static String display(Path tree, Path file) {
        String relative = tree.relativize(file).toString().replace('\\', '/');
        return relative.isEmpty() ? "./" : relative;
    }

    private RepositoryPaths() {
    }
}
