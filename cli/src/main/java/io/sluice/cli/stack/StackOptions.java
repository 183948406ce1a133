package io.sluice.cli.stack;

import java.nio.file.Path;
import java.util.List;

/**
 * How to start a stack: where Sluice is built ({@code sluiceHome}), where its state lives, which
 * configuration folders source-service reads, where the Secrets and ConfigMaps that secretRefs
 * and substituteFrom name are (null: none), a Git path of configuration documents (null: none), and
 * which cluster to use (null: start a sandbox).
 */
public record StackOptions(Path sluiceHome, Path stateDir, List<Path> configDirs, Path secretsDir,
        Path configMapsDir, Bootstrap bootstrap, Path kubeconfig) {

    /** Configuration documents read from a path of a Git repository, as {@code flux bootstrap --path} sets up. */
    public record Bootstrap(String url, String branch, String path) {
    }
}
