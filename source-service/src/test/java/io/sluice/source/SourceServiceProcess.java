package io.sluice.source;

import io.sluice.testkit.kafka.KafkaBroker;
import io.sluice.testkit.process.ChildProcess;
import io.sluice.testkit.process.Deadline;
import io.sluice.testkit.process.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A source-service started from the packaged application (target/quarkus-app, built by the package
 * phase that runs before the *IT classes) as a process of its own, on the shared test broker: an
 * instance among several, or the one whose CPU and memory are measured.
 */
final class SourceServiceProcess implements AutoCloseable {
    private static final Path APP = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ChildProcess process;
    private final int port;

    private SourceServiceProcess(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts instance {@code name} with its own data folder under {@code work}; returns once it is ready. */
    static SourceServiceProcess start(String name, Path work, List<String> jvmOptions) throws IOException {
        if (!Files.isRegularFile(APP)) {
            throw new AssertionError(APP + " is missing: run the *IT classes with 'verify', after 'package'");
        }
        int port = FreePorts.next();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dkafka.bootstrap.servers=" + KafkaBroker.shared().bootstrapServers(),
                "-Dquarkus.http.port=" + port, "-Dsluice.data-dir=" + work.resolve(name).resolve("data"),
                "-Dsluice.source.config-dirs=", "-Dsluice.secrets-dir=", "-jar", APP.toString()));
        Files.createDirectories(work.resolve(name));
        ChildProcess process = ChildProcess.start(name, command, work.resolve(name), work.resolve(name + ".log"));
        SourceServiceProcess instance = new SourceServiceProcess(process, port);
        Deadline.until(name + " ready (log " + process.log() + ")", Duration.ofSeconds(90), () -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited:\n" + process.logTail(40));
            }
            return instance.ready();
        });
        return instance;
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** A metric of this instance: the sum over the series whose tags include {@code tags} ("" for all). */
    double metric(String name, String tags) {
        return ServiceHttp.metricAt(base(), name, tags);
    }

    /** The ids ({@code group/Kind/namespace/name}) of the sources this instance lists on /api/sources, i.e. polls. */
    List<String> polledSources() {
        return ServiceHttp.sources(base()).stream().map(s -> "source.toolkit.fluxcd.io/" + s.get("kind") + "/"
                + s.get("namespace") + "/" + s.get("name")).toList();
    }

    /** The service's own process (the watchdog's child), for its CPU time and memory. */
    ProcessHandle handle() {
        return ProcessHandle.of(process.pid()).orElseThrow().children().findFirst()
                .orElseThrow(() -> new AssertionError(process.name() + " has no process"));
    }

    String logTail(int lines) {
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

    /** Stops the service as Kubernetes would (TERM): it leaves the group and hands its sources over. */
    @Override
    public void close() {
        process.close();
    }
}
