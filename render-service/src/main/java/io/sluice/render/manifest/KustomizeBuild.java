package io.sluice.render.manifest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Builds a kustomization folder with an external command ({@code kubectl kustomize} by default),
 * with kustomize's load restrictor on (no file outside the folder being built), under a command
 * prefix that cuts the network when one is given, and within a time and an output-size limit:
 * a build that runs over either is killed.
 */
public final class KustomizeBuild {
    private static final Pattern KLOG_HEADER = Pattern.compile("^[IWEF]\\d{4} [\\d:.]+\\s+\\d+ [^\\]]+\\] ");
    private static final Pattern KLOG_FAILURE = Pattern.compile("^\"command failed\" err=\"(.*)\"$");
    /** kubectl writes a multi-line error as {@code "command failed" err=<}, tab-indented lines, then {@code >}. */
    private static final String KLOG_BLOCK_START = "\"command failed\" err=<";
    private static final int MAX_ERROR_BYTES = 64 * 1024;

    private final List<String> command;
    private final Duration timeout;
    private final long maxOutputBytes;

    /**
     * {@code isolation} is the prefix that runs the command without network (empty: none);
     * {@code command} is given the load restrictor flag and the folder as its last arguments.
     */
    public KustomizeBuild(List<String> isolation, String command, Duration timeout, long maxOutputBytes) {
        this.command = new ArrayList<>(isolation);
        this.command.addAll(Arrays.asList(command.strip().split("\\s+")));
        this.command.addAll(List.of("--load-restrictor", "LoadRestrictionsRootOnly"));
        this.timeout = timeout;
        this.maxOutputBytes = maxOutputBytes;
    }

    /**
     * kubectl's message without its log header ({@code E1127 08:03:24.130451 2799 run.go:72] "command
     * failed" err="..."}), and with the scratch folder's paths shown as the repository has them.
     */
    private static String message(String stderr, Path tree) {
        return stderr.lines()
                .map(line -> KLOG_HEADER.matcher(line).replaceFirst(""))
                .filter(line -> !line.equals(KLOG_BLOCK_START) && !line.strip().equals(">"))
                .map(line -> {
                    Matcher failed = KLOG_FAILURE.matcher(line);
                    return failed.matches() ? failed.group(1).replace("\\\"", "\"") : line.strip();
                })
                .filter(line -> !line.isBlank())
                .collect(Collectors.joining(" "))
                .replace(tree + "/", "").replace(tree.toString(), ".");
    }

    /**
     * Runs the build of {@code dir} inside {@code tree} (the repository root), keeping its error
     * output under {@code workDir}, and returns the YAML it prints.
     */
    public String build(Path dir, Path tree, Path workDir) throws RenderException {
        String folder = RepositoryPaths.display(tree, dir);
        Path err = workDir.resolve("kustomize.err");
        List<String> argv = new ArrayList<>(command);
        argv.add(dir.toString());
        Process process;
        try {
            process = new ProcessBuilder(argv).directory(tree.toFile()).redirectError(err.toFile()).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new RenderException(folder + ": cannot run " + String.join(" ", command) + ": " + e.getMessage());
        }
        BoundedOutput output = new BoundedOutput(process, maxOutputBytes);
        try {
            boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                kill(process);
            }
            output.awaitEnd();
            if (output.overLimit()) {
                throw new RenderException(folder + ": kustomize build output is larger than the limit of "
                        + maxOutputBytes + " bytes (sluice.render.max-output-size): build stopped");
            }
            if (!ended) {
                throw new RenderException(folder + ": kustomize build timed out after " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new RenderException(folder + ": kustomize build interrupted");
        }
        if (process.exitValue() != 0) {
            throw new RenderException(folder + ": kustomize build failed: " + message(readStart(err), tree));
        }
        return output.text();
    }

    private static String readStart(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(MAX_ERROR_BYTES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read its error output: " + e.getMessage() + ")";
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Reads a process's output on a thread of its own, killing the process once it prints too much. */
    private static final class BoundedOutput {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread reader;
        private volatile boolean overLimit;

        BoundedOutput(Process process, long limit) {
            reader = new Thread(() -> {
                byte[] buffer = new byte[64 * 1024];
                try (InputStream in = process.getInputStream()) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        if (bytes.size() + (long) n > limit) {
                            overLimit = true;
                            kill(process);
                            return;
                        }
                        bytes.write(buffer, 0, n);
                    }
                } catch (IOException e) {
                    // The process was killed or closed its output: what was read is all there is.
                }
            }, "kustomize-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** Waits for the output to end: the process has exited or been killed, so this is short. */
        void awaitEnd() throws InterruptedException {
            reader.join(TimeUnit.SECONDS.toMillis(10));
        }

        boolean overLimit() {
            return overLimit;
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
