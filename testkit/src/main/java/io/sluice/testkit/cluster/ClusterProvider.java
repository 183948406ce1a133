package io.sluice.testkit.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Gives a test a Kubernetes cluster and its kubeconfig, choosing in this order: an existing
 * cluster named by {@value #KUBECONFIG_PROPERTY} (system property or environment variable);
 * Testcontainers k3s, when a Docker engine answers (not wired in yet: this testkit has no
 * Testcontainers, so that option is only named in the failure message); the
 * {@link LocalControlPlane}, when its binaries are built. One cluster per test JVM, stopped when
 * the JVM exits; each test takes a fresh namespace of its own ({@link Cluster#newNamespace}).
 * Talks to the cluster with {@code kubectl} only, keeping the testkit free of a Kubernetes client.
 */
public final class ClusterProvider {
    /** System property or environment variable: the kubeconfig of an existing cluster to test against. */
    public static final String KUBECONFIG_PROPERTY = "SLUICE_TEST_KUBECONFIG";
    private static final Path DOCKER_SOCKET = Path.of("/var/run/docker.sock");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static Cluster shared;

    /** The test JVM's cluster, started on first use. */
    public static synchronized Cluster shared() {
        if (shared == null) {
            shared = open();
        }
        return shared;
    }

    private static Cluster open() {
        String existing = System.getProperty(KUBECONFIG_PROPERTY, System.getenv(KUBECONFIG_PROPERTY));
        if (existing != null && !existing.isBlank()) {
            Path kubeconfig = Path.of(existing).toAbsolutePath();
            if (!Files.isReadable(kubeconfig)) {
                throw new IllegalStateException(KUBECONFIG_PROPERTY + "=" + existing + ": no readable kubeconfig there");
            }
            Cluster cluster = new Cluster(kubeconfig, "the cluster of " + kubeconfig);
            // Namespaces made in someone's cluster are removed again; a local control plane just stops.
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::deleteNamespaces, "cluster-namespaces"));
            return cluster;
        }
        if (!LocalControlPlane.binariesPresent()) {
            throw new IllegalStateException("No Kubernetes cluster for tests. Either (1) set " + KUBECONFIG_PROPERTY
                    + " (system property or environment variable) to the kubeconfig of an existing cluster; or (2)"
                    + " run Testcontainers k3s, which needs a Docker engine (" + DOCKER_SOCKET
                    + (dockerAnswers() ? " answers, but k3s is not wired into the testkit yet" : " does not answer")
                    + "); or (3) build the local control plane with `" + LocalControlPlane.buildCommand()
                    + "` from the repository root (binaries expected in " + LocalControlPlane.binDirectory() + ").");
        }
        try {
            Path workDir = Files.createTempDirectory("sluice-cluster-");
            LocalControlPlane plane = LocalControlPlane.start(workDir);
            Runtime.getRuntime().addShutdownHook(new Thread(plane::close, "cluster-stop"));
            return new Cluster(plane.kubeconfig(), "the local control plane at " + plane.serverUrl());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the local Kubernetes control plane: " + e.getMessage(), e);
        }
    }

    /** True when something answers a Docker API ping on the Docker socket. */
    private static boolean dockerAnswers() {
        if (!Files.exists(DOCKER_SOCKET)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(DOCKER_SOCKET));
            channel.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer answer = ByteBuffer.allocate(256);
            return channel.read(answer) > 0
                    && new String(answer.array(), StandardCharsets.US_ASCII).startsWith("HTTP/1.");
        } catch (IOException e) {
            return false;
        }
    }

    /** A cluster for tests: its kubeconfig, fresh namespaces, and kubectl against it. */
    public static final class Cluster {
        private final Path kubeconfig;
        private final String description;
        private final List<String> namespaces = Collections.synchronizedList(new ArrayList<>());

        private Cluster(Path kubeconfig, String description) {
            this.kubeconfig = kubeconfig;
            this.description = description;
        }

        /** A cluster someone else started (e.g. the sandbox of a stack under test), to run kubectl against. */
        public static Cluster of(Path kubeconfig) {
            return new Cluster(kubeconfig.toAbsolutePath(), "the cluster of " + kubeconfig);
        }

        public Path kubeconfig() {
            return kubeconfig;
        }

        /** Creates a namespace named {@code <prefix>-<random>} and returns its name. */
        public String newNamespace(String prefix) {
            String base = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+|-+$", "");
            byte[] suffix = new byte[4];
            RANDOM.nextBytes(suffix);
            String name = (base.isEmpty() ? "test" : base.substring(0, Math.min(base.length(), 50))) + "-"
                    + HexFormat.of().formatHex(suffix);
            kubectl("create", "namespace", name);
            namespaces.add(name);
            return name;
        }

        /** Runs kubectl against this cluster and returns its output; fails with its error output otherwise. */
        public String kubectl(String... args) {
            return kubectlWithInput(null, args);
        }

        /** Runs kubectl with {@code stdin} as its input (e.g. {@code apply -f -}); fails with its error output. */
        public String kubectlWithInput(String stdin, String... args) {
            Kubectl result = run(stdin, args);
            if (result.exitCode() != 0) {
                throw new IllegalStateException("kubectl " + String.join(" ", args) + " failed on " + description
                        + " (exit " + result.exitCode() + "): " + result.stderr().strip());
            }
            return result.stdout();
        }

        /** Runs kubectl and returns its exit code and output, for tests that expect it to fail. */
        public Kubectl run(String stdin, String... args) {
            return runWith(Map.of(), stdin, args);
        }

        /** The same, with {@code environment} added to kubectl's (e.g. KUBECTL_APPLYSET=true for an alpha feature). */
        public Kubectl runWith(Map<String, String> environment, String stdin, String... args) {
            List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
            command.addAll(List.of(args));
            try {
                ProcessBuilder builder = new ProcessBuilder(command);
                builder.environment().putAll(environment);
                Process process = builder.start();
                CompletableFuture<String> stdout = readAsync(process.getInputStream());
                CompletableFuture<String> stderr = readAsync(process.getErrorStream());
                try (var in = process.getOutputStream()) {
                    if (stdin != null) {
                        in.write(stdin.getBytes(StandardCharsets.UTF_8));
                    }
                }
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("kubectl " + String.join(" ", args) + " did not finish in 60 s on "
                            + description);
                }
                return new Kubectl(process.exitValue(), stdout.join(), stderr.join());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run kubectl (is it on the PATH?)", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running kubectl", e);
            }
        }

        private void deleteNamespaces() {
            List<String> created;
            synchronized (namespaces) {
                created = List.copyOf(namespaces);
            }
            if (!created.isEmpty()) {
                List<String> args = new ArrayList<>(List.of("delete", "namespace", "--wait=false",
                        "--ignore-not-found"));
                args.addAll(created);
                run(null, args.toArray(String[]::new));
            }
        }

        private static CompletableFuture<String> readAsync(InputStream stream) {
            return CompletableFuture.supplyAsync(() -> {
                try (stream) {
                    return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** What one kubectl run gave. */
    public record Kubectl(int exitCode, String stdout, String stderr) {
    }

    private ClusterProvider() {
    }
}
