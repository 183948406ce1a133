package io.sluice.source;

import io.sluice.testkit.process.ServiceProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A source-service started from the packaged application as a process of its own (see {@link ServiceProcess}). */
final class SourceServiceProcess implements AutoCloseable {
    private final ServiceProcess process;

    private SourceServiceProcess(ServiceProcess process) {
        this.process = process;
    }

    /** Starts instance {@code name} with its own data folder under {@code work}; returns once it is ready. */
    static SourceServiceProcess start(String name, Path work, List<String> jvmOptions) throws IOException {
        return new SourceServiceProcess(ServiceProcess.start(name, work,
                Map.of("sluice.source.config-dirs", "", "sluice.secrets-dir", ""), jvmOptions));
    }

    String base() {
        return process.base();
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
        return process.handle();
    }

    /** Kills the service at once (SIGKILL), as a crashed node: its sources wait for its session to time out. */
    void kill() {
        process.kill();
    }

    /** Stops the service as Kubernetes would (TERM): it leaves the group and hands its sources over. */
    @Override
    public void close() {
        process.close();
    }
}
