package io.sluice.render.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limits around the kustomize process, with stand-in commands (shell scripts) so that each
 * limit is reached at once: network cut, time limit, output-size limit.
 */
class KustomizeBuildTest {
    @TempDir
    Path work;

    private Path script(String body) throws Exception {
        Path script = work.resolve("build-" + System.nanoTime() + ".sh");
        Files.writeString(script, "#!/bin/bash\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private String build(List<String> isolation, Path command, Duration timeout, long maxOutput) throws Exception {
        Path tree = Files.createDirectories(work.resolve("tree"));
        Path dir = Files.createDirectories(tree.resolve("apps"));
        return new KustomizeBuild(isolation, command.toString(), timeout, maxOutput).build(dir, tree, work);
    }

    @Test
    void theBuildRunsWithoutNetworkWhenTheMachineAllowsIt() throws Exception {
        List<String> isolation = NetworkIsolation.commandPrefix(false);
        assumeFalse(isolation.isEmpty(), "unshare -rn is not usable on this machine");
        try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Path probe = script("if (exec 3<>/dev/tcp/127.0.0.1/" + server.getLocalPort() + ") 2>/dev/null;"
                    + " then echo reached: yes; else echo reached: no; fi");
            assertEquals("reached: yes\n", build(List.of(), probe, Duration.ofSeconds(30), 1024));
            assertEquals("reached: no\n", build(isolation, probe, Duration.ofSeconds(30), 1024));
        }
    }

    @Test
    void aBuildOverTimeIsKilled() throws Exception {
        long start = System.nanoTime();
        RenderException error = assertThrows(RenderException.class,
                () -> build(List.of(), script("sleep 60"), Duration.ofSeconds(1), 1024));
        assertEquals("apps: kustomize build timed out after 1 s", error.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 15);
    }

    @Test
    void aBuildPrintingTooMuchIsKilled() throws Exception {
        RenderException error = assertThrows(RenderException.class,
                () -> build(List.of(), script("exec yes"), Duration.ofSeconds(30), 1_000_000));
        assertEquals("apps: kustomize build output is larger than the limit of 1000000 bytes"
                + " (sluice.render.max-output-size): build stopped", error.getMessage());
    }

    @Test
    void aFailedBuildShowsKubectlsMessageWithoutItsLogHeaderOrScratchPaths() throws Exception {
        Path tree = work.resolve("tree");
        Path failing = script("echo 'E1127 08:42:55.460506    4935 run.go:72] \"command failed\" err=<' >&2\n"
                + "printf '\\taccumulating resources from %s/apps/x.yaml\\n\\t: exit status 128\\n >\\n' " + tree
                + " >&2\nexit 1");
        RenderException error = assertThrows(RenderException.class,
                () -> build(List.of(), failing, Duration.ofSeconds(30), 1024));
        assertEquals("apps: kustomize build failed: accumulating resources from apps/x.yaml : exit status 128",
                error.getMessage());
    }
}
