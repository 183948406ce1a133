package io.sluice.testkit.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server process started by a test or by {@code sluice up} (Kafka, a service, etcd, the API
 * server), run under a small bash watchdog that ends it when the JVM that started it dies, even
 * by {@code kill -9}: the watchdog polls the JVM's pid with {@code kill -0} once a second.
 * (PR_SET_PDEATHSIG would not do: it fires when the spawning thread ends, and Java spawns from
 * short-lived threads.) Stdout and stderr of the process are appended to a log file.
 */
public final class ChildProcess implements AutoCloseable {
    /** Seconds between TERM and KILL, both in the watchdog and in {@link #close()}. */
    static final int GRACE_SECONDS = 5;

    // $1 = pid of the JVM, $2 = grace seconds, the rest = the command. TERM/INT/HUP to the
    // watchdog, or the death of the JVM, stop the child: TERM, then KILL after the grace period.
    // "sleep & wait" (rather than a plain sleep) lets a trapped signal be handled at once.
    private static final String WATCHDOG = """
            jvm=$1; grace=$2; shift 2
            "$@" &
            child=$!
            sleeper=
            stop() {
              trap '' TERM INT HUP
              [ -n "$sleeper" ] && kill "$sleeper" 2>/dev/null
              kill -TERM "$child" 2>/dev/null
              for _ in $(seq 1 $((grace * 10))); do kill -0 "$child" 2>/dev/null || break; sleep 0.1; done
              kill -KILL "$child" 2>/dev/null
              wait "$child" 2>/dev/null
              exit 143
            }
            trap stop TERM INT HUP
            while kill -0 "$child" 2>/dev/null; do
              kill -0 "$jvm" 2>/dev/null || stop
              sleep 1 & sleeper=$!
              wait "$sleeper"
              sleeper=
            done
            wait "$child"
            """;

    private final String name;
    private final Process watchdog;
    private final Path log;

    private ChildProcess(String name, Process watchdog, Path log) {
        this.name = name;
        this.watchdog = watchdog;
        this.log = log;
    }

    /** Starts {@code command} in {@code workDir}, its output appended to {@code log}. */
    public static ChildProcess start(String name, List<String> command, Path workDir, Path log) throws IOException {
        return start(name, command, Map.of(), workDir, log);
    }

    /** Starts {@code command} in {@code workDir} with extra environment {@code env}, its output appended to {@code log}. */
    public static ChildProcess start(String name, List<String> command, Map<String, String> env, Path workDir,
            Path log) throws IOException {
        List<String> wrapped = new ArrayList<>(List.of("bash", "-c", WATCHDOG, "watchdog-" + name,
                Long.toString(ProcessHandle.current().pid()), Integer.toString(GRACE_SECONDS)));
        wrapped.addAll(command);
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(wrapped)
                .directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        return new ChildProcess(name, builder.start(), log);
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return watchdog.isAlive();
    }

    /** The watchdog's pid: signalling it stops the process. */
    public long pid() {
        return watchdog.pid();
    }

    /** The last {@code lines} lines of the log, for error messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    /** Sends TERM without waiting, so several processes can stop at once; the watchdog passes it on. */
    public void requestStop() {
        watchdog.destroy();
    }

    /** Sends TERM, waits for the exit, and kills the process if it is still there after the grace period. */
    @Override
    public void close() {
        requestStop();
        try {
            if (!watchdog.waitFor(GRACE_SECONDS + 2L, TimeUnit.SECONDS)) {
                watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
                watchdog.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
            watchdog.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
