package io.sluice.cli.stack;

import io.sluice.testkit.cluster.LocalControlPlane;
import io.sluice.testkit.kafka.KafkaBroker;
import io.sluice.testkit.process.ChildProcess;
import io.sluice.testkit.process.FreePorts;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A whole local Sluice: a real Kafka broker, the five services as child processes, and a cluster
 * (the given kubeconfig, or a sandbox control plane). {@code sluice up} and the end-to-end test
 * start it the same way.
 */
public final class Stack implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final List<AutoCloseable> started = new ArrayList<>();
    private final PrintStream out;
    private StackDescription description;

    private Stack(PrintStream out) {
        this.out = out;
    }

    public static Stack start(StackOptions options, PrintStream out) throws IOException {
        Stack stack = new Stack(out);
        try {
            stack.startAll(options);
            return stack;
        } catch (IOException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    public StackDescription description() {
        return description;
    }

    private void startAll(StackOptions options) throws IOException {
        Path state = options.stateDir().toAbsolutePath();
        Files.createDirectories(state);
        for (Service service : Service.values()) {
            if (!Files.exists(service.jar(options.sluiceHome()))) {
                throw new IOException(service.module() + " is not built: " + service.jar(options.sluiceHome())
                        + " is missing (run ./mvnw -DskipTests package)");
            }
        }
        String sandbox;
        Path kubeconfig;
        if (options.kubeconfig() != null) {
            kubeconfig = options.kubeconfig().toAbsolutePath();
            sandbox = "none: using " + kubeconfig;
        } else {
            kubeconfig = startSandbox(state);
            sandbox = "local control plane (etcd, kube-apiserver, kube-controller-manager)";
        }

        long t0 = System.nanoTime();
        KafkaBroker broker = KafkaBroker.start(state.resolve("kafka"), FreePorts.next());
        started.add(broker);
        out.printf("  ✓ %-20s %s (%.1f s)%n", "kafka broker", broker.bootstrapServers(), seconds(t0));

        // Render- and apply-service share it: Secrets travel sealed on the stack's topics.
        Path bundleKey = BundleKeyFile.ensure(state);
        Map<String, String> urls = new LinkedHashMap<>();
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("kafka", broker.pid());
        Map<Service, ChildProcess> processes = new LinkedHashMap<>();
        long servicesStart = System.nanoTime();
        for (Service service : Service.values()) {
            int port = FreePorts.next();
            String url = "http://127.0.0.1:" + port;
            urls.put(service.module(), url);
            ChildProcess process = ChildProcess.start(service.module(),
                    serviceCommand(options, service, port, broker.bootstrapServers(), kubeconfig, state, bundleKey),
                    Map.of(), options.sluiceHome(), state.resolve("logs").resolve(service.module() + ".log"));
            started.add(process);
            processes.put(service, process);
            pids.put(service.module(), process.pid());
        }
        // The services start in parallel; report each as it becomes ready.
        for (Service service : Service.values()) {
            awaitReady(processes.get(service), urls.get(service.module()));
            out.printf("  ✓ %-20s %s (%.1f s)%n", service.module(), urls.get(service.module()),
                    seconds(servicesStart));
        }
        description = new StackDescription(ProcessHandle.current().pid(), broker.bootstrapServers(), urls,
                kubeconfig.toString(), sandbox, pids);
        description.write(state);
    }

    private Path startSandbox(Path state) throws IOException {
        if (!LocalControlPlane.binariesPresent()) {
            throw new IOException("the sandbox cluster's binaries are not built; build them once with: "
                    + LocalControlPlane.buildCommand() + " (or pass --kubeconfig FILE to use an existing cluster)");
        }
        long t0 = System.nanoTime();
        LocalControlPlane plane = LocalControlPlane.start(state.resolve("sandbox"));
        started.add(plane);
        Path kubeconfig = state.resolve("sandbox.kubeconfig");
        Files.copy(plane.kubeconfig(), kubeconfig, StandardCopyOption.REPLACE_EXISTING);
        out.printf("  ✓ %-20s %s (%.1f s): a real kube-apiserver, etcd and controller-manager;"
                + " no kubelet, so Pods are not run%n", "sandbox cluster", plane.serverUrl(), seconds(t0));
        out.printf("                        kubectl --kubeconfig %s get all -A%n", kubeconfig);
        return kubeconfig;
    }

    private static List<String> serviceCommand(StackOptions options, Service service, int port, String bootstrap,
            Path kubeconfig, Path state, Path bundleKey) {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dkafka.bootstrap.servers=" + bootstrap,
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Dsluice.data-dir=" + state.resolve("data").resolve(service.module())));
        switch (service) {
            case SOURCE -> {
                command.add("-Dsluice.source.config-dirs=" + options.configDirs().stream()
                        .map(p -> p.toAbsolutePath().toString()).collect(Collectors.joining(",")));
                addFolder(command, "sluice.secrets-dir", options.secretsDir());
                if (options.bootstrap() != null) {
                    command.add("-Dsluice.source.bootstrap.url=" + options.bootstrap().url());
                    command.add("-Dsluice.source.bootstrap.branch=" + options.bootstrap().branch());
                    command.add("-Dsluice.source.bootstrap.path=" + options.bootstrap().path());
                }
            }
            case RENDER -> {
                addFolder(command, "sluice.secrets-dir", options.secretsDir());
                addFolder(command, "sluice.configmaps-dir", options.configMapsDir());
                addFolder(command, "sluice.bundle.key-file", bundleKey);
            }
            case IMAGE -> addFolder(command, "sluice.secrets-dir", options.secretsDir());
            case APPLY -> {
                command.add("-Dsluice.apply.kubeconfig=" + kubeconfig);
                addFolder(command, "sluice.bundle.key-file", bundleKey);
            }
            default -> {
            }
        }
        command.addAll(List.of("-jar", service.jar(options.sluiceHome()).toString()));
        return command;
    }

    private static void addFolder(List<String> command, String property, Path folder) {
        if (folder != null) {
            command.add("-D" + property + "=" + folder.toAbsolutePath());
        }
    }

    private static void awaitReady(ChildProcess process, String baseUrl) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long end = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IOException(process.name() + " exited while starting; last lines of " + process.log()
                        + ":\n" + process.logTail(25));
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + response.statusCode() + " " + response.body();
            } catch (IOException notYet) {
                last = notYet.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + process.name(), e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + process.name(), e);
            }
        }
        throw new IOException(process.name() + " not ready after " + READY_TIMEOUT.toSeconds() + " s (" + last
                + "); last lines of " + process.log() + ":\n" + process.logTail(25));
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** Stops the services first, then the broker, then the sandbox. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                out.println("  ! could not stop cleanly: " + e);
            }
        }
        started.clear();
    }
}
