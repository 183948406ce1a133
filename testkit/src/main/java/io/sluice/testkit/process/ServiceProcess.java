package io.sluice.testkit.process;

import io.sluice.testkit.kafka.KafkaBroker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Sluice service started from its packaged application (target/quarkus-app, built by the package
 * phase that runs before the *IT classes) as a process of its own, on the shared test broker: an
 * instance among several, or the one whose CPU and memory are measured.
 */
public final class ServiceProcess implements AutoCloseable {
    private static final Path APP = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ChildProcess process;
    private final int port;

    private ServiceProcess(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts instance {@code name} of the module's service with its own data folder under
     * {@code work} and {@code properties} as system properties; returns once /q/health/ready says so.
     */
    public static ServiceProcess start(String name, Path work, Map<String, String> properties, List<String> jvmOptions)
            throws IOException {
        if (!Files.isRegularFile(APP)) {
            throw new AssertionError(APP + " is missing: run the *IT classes with 'verify', after 'package'");
        }
        int port = FreePorts.next();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dkafka.bootstrap.servers=" + KafkaBroker.shared().bootstrapServers(),
                "-Dquarkus.http.port=" + port, "-Dsluice.data-dir=" + work.resolve(name).resolve("data")));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", APP.toString()));
        Files.createDirectories(work.resolve(name));
        ChildProcess process = ChildProcess.start(name, command, work.resolve(name), work.resolve(name + ".log"));
        ServiceProcess instance = new ServiceProcess(process, port);
        Deadline.until(name + " ready (log " + process.log() + ")", Duration.ofSeconds(90), () -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited:\n" + process.logTail(40));
            }
            return instance.ready();
        });
        return instance;
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * The service's own process (the watchdog's child running java, not its one-second sleeper), for
     * its CPU time and memory.
     */
    public ProcessHandle handle() {
        String java = ProcessHandle.current().info().command().orElse("java");
        return ProcessHandle.of(process.pid()).orElseThrow().children()
                .filter(child -> child.info().command().map(java::equals).orElse(false)).findFirst()
                .orElseThrow(() -> new AssertionError(process.name() + " has no process"));
    }

    /** The body of GET {@code path} on the service (such as /api/...). */
    public String get(String path) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(base() + path)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new AssertionError(process.name() + ": GET " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(process.name() + ": GET " + path + ": interrupted", e);
        }
    }

    /**
     * The sum of the samples of meter {@code name} on /q/metrics that carry every label given
     * ({@code key="value"}), such as {@code metric("sluice_notification_sent_total", "outcome=\"sent\"")}; 0 when none.
     */
    public double metric(String name, String... labels) {
        double sum = 0;
        for (String line : get("/q/metrics").lines().toList()) {
            String sampleLabels;
            String value;
            if (line.startsWith(name + "{")) {
                int end = line.indexOf('}');
                sampleLabels = "," + line.substring(name.length() + 1, end) + ",";
                value = line.substring(end + 1).trim();
            } else if (line.startsWith(name + " ")) {
                sampleLabels = ",";
                value = line.substring(name.length()).trim();
            } else {
                continue;
            }
            if (Arrays.stream(labels).allMatch(label -> sampleLabels.contains("," + label + ","))) {
                // The value may be followed by an exemplar: "1.0 # {trace_id=...} 1.0 1733...".
                sum += Double.parseDouble(value.split(" ", 2)[0]);
            }
        }
        return sum;
    }

    public String logTail(int lines) {
        return process.logTail(lines);
    }

    private boolean ready() {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(base() + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Kills the service at once (SIGKILL, as a crashed node or an OOM kill): it hands nothing over,
     * its consumer groups give its partitions away once its session times out. Returns when it is gone.
     */
    public void kill() {
        ProcessHandle service = handle();
        service.destroyForcibly();
        try {
            service.onExit().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while killing " + process.name(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError(process.name() + " still runs 30 s after SIGKILL", e);
        }
    }

    /** Stops the service as Kubernetes would (TERM): it leaves its groups and hands its work over. */
    @Override
    public void close() {
        process.close();
    }
}
