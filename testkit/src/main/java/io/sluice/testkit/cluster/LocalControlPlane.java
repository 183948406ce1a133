package io.sluice.testkit.cluster;

import io.sluice.testkit.process.ChildProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * A real Kubernetes control plane for tests and the local sandbox: etcd, kube-apiserver and
 * kube-controller-manager (so garbage collection and namespace deletion work), started as child
 * processes on free 127.0.0.1 ports. By default there are no nodes and no scheduler: pods stay
 * Pending. With fake nodes ({@link #start(Path, int)}), kube-scheduler places pods on nodes
 * that kwok plays the kubelet for: pods become Running and Ready (no container runs), so
 * Deployments become Available.
 *
 * <p>The binaries are built from Go modules by {@code bash testkit/control-plane/build.sh} (add
 * {@code --with-fake-nodes} for kube-scheduler and kwok) into a per-user cache folder keyed by
 * the versions in {@code testkit/control-plane/VERSIONS}. Every process ends when the JVM that
 * started it dies, even by {@code kill -9}.
 */
public final class LocalControlPlane implements AutoCloseable {
    /** System property or environment variable naming the bin folder directly. */
    public static final String BIN_OVERRIDE = "SLUICE_CONTROL_PLANE_BIN";
    private static final List<String> BINARIES = List.of("etcd", "kube-apiserver", "kube-controller-manager");
    private static final List<String> FAKE_NODE_FILES = List.of("kube-scheduler", "kwok", "kwok-stages.yaml");
    /** The annotation that marks the nodes kwok manages. */
    private static final String KWOK_NODE_ANNOTATION = "kwok.x-k8s.io/node";
    private static final Path VERSIONS = Paths.get("testkit", "control-plane", "VERSIONS");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final String SERVICE_CIDR = "10.0.0.0/16";

    private final Path kubeconfig;
    private final String serverUrl;
    private final String adminToken;
    private final List<ChildProcess> processes; // in start order
    private boolean closed;

    private LocalControlPlane(Path kubeconfig, String serverUrl, String adminToken, List<ChildProcess> processes) {
        this.kubeconfig = kubeconfig;
        this.serverUrl = serverUrl;
        this.adminToken = adminToken;
        this.processes = processes;
    }

    /** The checkout the {@code sluice} command runs from, set by {@code bin/sluice}. */
    private static final String SLUICE_HOME = "sluice.home";

    /**
     * The cache folder holding the binaries for the pinned versions: the system property or
     * environment variable {@value #BIN_OVERRIDE} if set, else
     * {@code ${XDG_CACHE_HOME:-~/.cache}/sluice/control-plane/<K8S_VERSION>-etcd<ETCD_VERSION>/bin}
     * with the versions read from {@code testkit/control-plane/VERSIONS}, found by walking up from
     * the system property {@value #SLUICE_HOME} (the checkout the {@code sluice} command runs from),
     * else from the current directory.
     */
    public static Path binDirectory() {
        String override = System.getProperty(BIN_OVERRIDE, System.getenv(BIN_OVERRIDE));
        if (override != null && !override.isBlank()) {
            return Paths.get(override).toAbsolutePath();
        }
        Properties versions = readVersions();
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Paths.get(xdg)
                : Paths.get(System.getProperty("user.home"), ".cache");
        return cache.resolve("sluice").resolve("control-plane")
                .resolve(version(versions, "K8S_VERSION") + "-etcd" + version(versions, "ETCD_VERSION"))
                .resolve("bin");
    }

    /** True when all binaries are present. */
    public static boolean binariesPresent() {
        Path bin = binDirectory();
        return BINARIES.stream().allMatch(b -> Files.isExecutable(bin.resolve(b)));
    }

    /** True when the binaries for {@link #start(Path, int)} with fake nodes are present too. */
    public static boolean fakeNodeBinariesPresent() {
        Path bin = binDirectory();
        return binariesPresent() && FAKE_NODE_FILES.stream().allMatch(f -> Files.isReadable(bin.resolve(f)));
    }

    /** The one command, run from the repository root, that builds the binaries; for messages. */
    public static String buildCommand() {
        return "bash testkit/control-plane/build.sh";
    }

    /** The command that also builds kube-scheduler and kwok, for {@link #start(Path, int)} with fake nodes. */
    public static String buildCommandWithFakeNodes() {
        return buildCommand() + " --with-fake-nodes";
    }

    /**
     * Starts etcd, kube-apiserver and kube-controller-manager with their data, certificates,
     * keys, token file and logs ({@code *.log}) under {@code workDir}, waits until the API server
     * is ready (at most 60 s) and the controller manager has begun its work, and writes
     * {@code workDir/kubeconfig}. The cluster always starts empty.
     */
    public static LocalControlPlane start(Path workDir) throws IOException {
        return start(workDir, 0);
    }

    /**
     * Like {@link #start(Path)}, and with {@code fakeNodes > 0} also kube-scheduler and kwok, and
     * that many Ready nodes named {@code fake-node-1}, {@code fake-node-2}, …
     */
    public static LocalControlPlane start(Path workDir, int fakeNodes) throws IOException {
        Path bin = binDirectory();
        List<String> needed = new ArrayList<>(BINARIES);
        if (fakeNodes > 0) {
            needed.addAll(FAKE_NODE_FILES);
        }
        for (String b : needed) {
            if (!Files.isReadable(bin.resolve(b))) {
                throw new IllegalStateException("The local Kubernetes control plane is not built (" + bin.resolve(b)
                        + " is missing): run " + (fakeNodes > 0 ? buildCommandWithFakeNodes() : buildCommand()));
            }
        }
        Path dir = Files.createDirectories(workDir).toAbsolutePath();
        deleteRecursively(dir.resolve("etcd-data")); // old membership data would pin the old ports
        Path saKey = dir.resolve("service-account.key");
        Files.writeString(saKey, rsaPrivateKeyPem());
        String token = HexFormat.of().formatHex(randomBytes(24));
        Path tokens = dir.resolve("tokens.csv");
        Files.writeString(tokens, token + ",admin,admin,\"system:masters\"\n");
        int[] ports = freePorts(3);
        String etcdUrl = "http://127.0.0.1:" + ports[0];
        String peerUrl = "http://127.0.0.1:" + ports[1];
        String server = "https://127.0.0.1:" + ports[2];
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, kubeconfigYaml(server, token));

        List<ChildProcess> processes = new ArrayList<>();
        LocalControlPlane plane = new LocalControlPlane(kubeconfig, server, token, processes);
        try {
            processes.add(ChildProcess.start("etcd", List.of(bin.resolve("etcd").toString(),
                    "--name=sluice",
                    "--data-dir=" + dir.resolve("etcd-data"),
                    "--listen-client-urls=" + etcdUrl, "--advertise-client-urls=" + etcdUrl,
                    "--listen-peer-urls=" + peerUrl, "--initial-advertise-peer-urls=" + peerUrl,
                    "--initial-cluster=sluice=" + peerUrl,
                    "--unsafe-no-fsync", // a throwaway cluster: speed over durability
                    "--log-level=warn"), dir, dir.resolve("etcd.log")));
            ChildProcess apiserver = ChildProcess.start("kube-apiserver", List.of(
                    bin.resolve("kube-apiserver").toString(),
                    "--etcd-servers=" + etcdUrl,
                    "--bind-address=127.0.0.1", "--advertise-address=127.0.0.1", "--secure-port=" + ports[2],
                    "--cert-dir=" + dir.resolve("certs"), // self-signed serving certificate
                    "--endpoint-reconciler-type=none", // a loopback address is not a valid endpoint
                    "--service-cluster-ip-range=" + SERVICE_CIDR,
                    "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
                    "--service-account-key-file=" + saKey,
                    "--service-account-signing-key-file=" + saKey,
                    "--token-auth-file=" + tokens,
                    "--authorization-mode=RBAC",
                    "--allow-privileged=true"), dir, dir.resolve("kube-apiserver.log"));
            processes.add(apiserver);
            ApiClient api = new ApiClient(server, token);
            long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
            api.await("/readyz", ok(), deadline, processes, apiserver);
            // Started once the API server is ready, as they give up if it is not healthy within 10 s.
            ChildProcess controllers = ChildProcess.start("kube-controller-manager", List.of(
                    bin.resolve("kube-controller-manager").toString(),
                    "--kubeconfig=" + kubeconfig,
                    "--leader-elect=false",
                    "--secure-port=0", // no HTTPS endpoint: nothing to collide with in parallel runs
                    "--service-account-private-key-file=" + saKey,
                    "--flex-volume-plugin-dir=" + dir.resolve("flexvolume")), // default is under /usr/libexec
                    dir, dir.resolve("kube-controller-manager.log"));
            processes.add(controllers);
            if (fakeNodes > 0) {
                startFakeNodes(api, bin, dir, kubeconfig, fakeNodes, deadline, processes);
            }
            // The service account controller creates default/default once the controllers run;
            // without it the ServiceAccount admission plugin rejects pods.
            api.await("/api/v1/namespaces/default/serviceaccounts/default", ok(), deadline, processes, controllers);
            return plane;
        } catch (IOException | RuntimeException e) {
            plane.close();
            throw e;
        }
    }

    private static void startFakeNodes(ApiClient api, Path bin, Path dir, Path kubeconfig, int count, long deadline,
            List<ChildProcess> processes) throws IOException {
        processes.add(ChildProcess.start("kube-scheduler", List.of(bin.resolve("kube-scheduler").toString(),
                "--kubeconfig=" + kubeconfig,
                "--leader-elect=false",
                "--secure-port=0"), dir, dir.resolve("kube-scheduler.log")));
        ChildProcess kwok = ChildProcess.start("kwok", List.of(bin.resolve("kwok").toString(),
                "--kubeconfig=" + kubeconfig,
                "--config=" + bin.resolve("kwok-stages.yaml"),
                "--manage-all-nodes=false",
                "--manage-nodes-with-annotation-selector=" + KWOK_NODE_ANNOTATION + "=fake",
                "--node-ip=127.0.0.1",
                "--cidr=10.244.0.0/16", // pod IPs
                "--node-lease-duration-seconds=40"), dir, dir.resolve("kwok.log"));
        processes.add(kwok);
        for (int i = 1; i <= count; i++) {
            String name = "fake-node-" + i;
            var created = api.post("/api/v1/nodes", """
                    {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "%1$s",
                      "annotations": {"%2$s": "fake"},
                      "labels": {"type": "kwok", "kubernetes.io/hostname": "%1$s",
                        "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64"}}}
                    """.formatted(name, KWOK_NODE_ANNOTATION));
            if (created.statusCode() != 201) {
                throw new IOException("cannot create node " + name + ": HTTP " + created.statusCode() + " "
                        + created.body());
            }
        }
        for (int i = 1; i <= count; i++) {
            api.await("/api/v1/nodes/fake-node-" + i,
                    r -> r.statusCode() == 200 && r.body().contains("\"type\":\"Ready\",\"status\":\"True\""),
                    deadline, processes, kwok);
        }
    }

    private static Predicate<HttpResponse<String>> ok() {
        return response -> response.statusCode() == 200;
    }

    /** {@code workDir/kubeconfig}: the server, {@code insecure-skip-tls-verify: true} and the admin token. */
    public Path kubeconfig() {
        return kubeconfig;
    }

    /** The API server's URL, {@code https://127.0.0.1:<port>}. */
    public String serverUrl() {
        return serverUrl;
    }

    /** A bearer token of a user in group {@code system:masters}. */
    public String adminToken() {
        return adminToken;
    }

    /** Stops all processes (TERM, then KILL after a few seconds) and waits for them. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // The API server and the controllers first, together; etcd last, so they shut down cleanly.
        List<ChildProcess> clients = processes.stream().filter(p -> !p.name().equals("etcd")).toList();
        clients.forEach(ChildProcess::requestStop);
        clients.forEach(ChildProcess::close);
        processes.stream().filter(p -> p.name().equals("etcd")).forEach(ChildProcess::close);
    }

    private static String kubeconfigYaml(String server, String token) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: sluice-local
                  cluster:
                    server: %s
                    insecure-skip-tls-verify: true
                users:
                - name: admin
                  user:
                    token: %s
                contexts:
                - name: sluice-local
                  context:
                    cluster: sluice-local
                    user: admin
                current-context: sluice-local
                """.formatted(server, token);
    }

    /** A fresh 2048-bit RSA private key as PKCS#8 PEM ("PRIVATE KEY"), for signing service account tokens. */
    private static String rsaPrivateKeyPem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    /** Distinct free loopback ports: all sockets are held open until every port is chosen. */
    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private static Properties readVersions() {
        // The sluice command names its checkout (it may run from any folder); tests run inside one.
        String home = System.getProperty(SLUICE_HOME);
        Path start = (home != null && !home.isBlank() ? Paths.get(home) : Paths.get("")).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path file = dir.resolve(VERSIONS);
            if (Files.isRegularFile(file)) {
                Properties versions = new Properties();
                try (var reader = Files.newBufferedReader(file)) {
                    versions.load(reader);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file, e);
                }
                return versions;
            }
        }
        throw new IllegalStateException("No " + VERSIONS + " in " + start + " or any folder above it; set "
                + BIN_OVERRIDE + " to the folder holding " + BINARIES);
    }

    private static String version(Properties versions, String key) {
        String value = versions.getProperty(key, "").strip();
        if (value.isEmpty()) {
            throw new IllegalStateException(key + " missing in " + VERSIONS);
        }
        return value;
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var paths = Files.walk(path)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
