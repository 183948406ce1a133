package io.sluice.render.manifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Builds a kustomization folder with an external command ({@code kubectl kustomize} by default). */
public final class KustomizeBuild {
    private static final List<String> KUSTOMIZATION_FILES = List.of("kustomization.yaml", "kustomization.yml",
            "Kustomization");

    private static final Pattern KLOG_HEADER = Pattern.compile("^[IWEF]\\d{4} [\\d:.]+\\s+\\d+ [^\\]]+\\] ");
    private static final Pattern KLOG_FAILURE = Pattern.compile("^\"command failed\" err=\"(.*)\"$");

    private final List<String> command;
    private final Duration timeout;

    public KustomizeBuild(String command, Duration timeout) {
        this.command = Arrays.asList(command.strip().split("\\s+"));
        this.timeout = timeout;
    }

    /**
     * kubectl's message without its log header ({@code E1127 08:03:24.130451 2799 run.go:72] "command
     * failed" err="..."}), and with the scratch folder's paths shown as the repository has them.
     */
    private static String message(String stderr, Path tree) {
        return stderr.lines()
                .map(line -> KLOG_HEADER.matcher(line).replaceFirst(""))
                .map(line -> {
                    Matcher failed = KLOG_FAILURE.matcher(line);
                    return failed.matches() ? failed.group(1).replace("\\\"", "\"") : line;
                })
                .filter(line -> !line.isBlank())
                .collect(Collectors.joining(" "))
                .replace(tree + "/", "").replace(tree.toString(), ".");
    }

    public static boolean isKustomization(Path dir) {
        return KUSTOMIZATION_FILES.stream().anyMatch(name -> Files.isRegularFile(dir.resolve(name)));
    }

    /**
     * Runs the build of {@code dir} inside {@code tree} (the repository root), writing its output
     * under {@code workDir}, and returns the objects it prints. Kills the build when it runs over time.
     */
    public List<Map<String, Object>> build(Path dir, Path tree, Path workDir) throws RenderException {
        String folder = RepositoryPaths.display(tree, dir);
        Path out = workDir.resolve("kustomize.out");
        Path err = workDir.resolve("kustomize.err");
        List<String> argv = new ArrayList<>(command);
        argv.add(dir.toString());
        Process process;
        try {
            process = new ProcessBuilder(argv).directory(tree.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        } catch (IOException e) {
            throw new RenderException(folder + ": cannot run " + String.join(" ", command) + ": " + e.getMessage());
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new RenderException(folder + ": kustomize build timed out after " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new RenderException(folder + ": kustomize build interrupted");
        }
        try {
            if (process.exitValue() != 0) {
                throw new RenderException(folder + ": kustomize build failed: " + message(Files.readString(err), tree));
            }
            ManifestObjects objects = new ManifestObjects();
            String origin = "kustomize build of " + folder;
            for (Map<String, Object> object : YamlDocuments.parse(Files.readString(out), origin)) {
                objects.add(object, origin);
            }
            return objects.result();
        } catch (IOException e) {
            throw new RenderException(folder + ": cannot read the kustomize output: " + e.getMessage());
        }
    }
}
