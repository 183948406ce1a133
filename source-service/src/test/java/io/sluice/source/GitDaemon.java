package io.sluice.source;

import io.sluice.testkit.process.ChildProcess;
import io.sluice.testkit.process.Deadline;
import io.sluice.testkit.process.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A real `git daemon` serving the bare repositories under a folder at git://127.0.0.1:<port>/<name>.git. */
final class GitDaemon implements AutoCloseable {
    private final ChildProcess process;
    private final int port;

    private GitDaemon(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    static GitDaemon start(Path root) throws IOException {
        Files.createDirectories(root);
        int port = FreePorts.next();
        ChildProcess process = ChildProcess.start("git-daemon", List.of("git", "daemon", "--export-all",
                "--base-path=" + root, "--port=" + port, "--listen=127.0.0.1", "--reuseaddr", root.toString()),
                root, root.resolveSibling("git-daemon.log"));
        Deadline.await("git daemon listening on " + port, Duration.ofSeconds(20), () -> accepts(port) ? port : null,
                () -> process.logTail(20));
        return new GitDaemon(process, port);
    }

    String url(String name) {
        return "git://127.0.0.1:" + port + "/" + name + ".git";
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
