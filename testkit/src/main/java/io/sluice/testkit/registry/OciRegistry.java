package io.sluice.testkit.registry;

import io.sluice.testkit.process.ChildProcess;
import io.sluice.testkit.process.Deadline;
import io.sluice.testkit.process.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * A real OCI registry (Debian's docker-registry, CNCF distribution 2.8) on a loopback port, with a
 * way to push a tiny image under any tag as a client would. It serves anonymously ({@link #start}),
 * behind a password ({@link #withPassword}, htpasswd), behind a token service ({@link #withTokens},
 * as Docker Hub, GHCR and Quay) or over TLS with certificates of a test CA ({@link #withTls}). It can
 * be stopped and started again on the same port with the same images ({@link #stop}, {@link #restart}).
 */
public final class OciRegistry implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/docker-registry");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path dir;
    private final Path config;
    private final String address;
    private final String scheme;
    private final HttpClient http;
    /** The Authorization header a push to a repository sends; null: none. */
    private final Function<String, String> pushAuthorization;
    private final RegistryTokenServer tokens;
    private ChildProcess process;

    private OciRegistry(Path dir, int port, String scheme, SSLContext tls, Function<String, String> pushAuthorization,
            RegistryTokenServer tokens) {
        this.dir = dir;
        this.config = dir == null ? null : dir.resolve("config.yml");
        this.address = "127.0.0.1:" + port;
        this.scheme = scheme;
        HttpClient.Builder client = HttpClient.newBuilder();
        if (tls != null) {
            client.sslContext(tls);
        }
        this.http = client.build();
        this.pushAuthorization = pushAuthorization;
        this.tokens = tokens;
    }

    /**
     * A registry on this machine that another process started (plain HTTP, no login) at {@code address}
     * (127.0.0.1:port): to push to it; stopping it is its starter's business.
     */
    public static OciRegistry at(String address) {
        int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        return new OciRegistry(null, port, "http", null, null, null);
    }

    /** A registry anyone may pull from and push to, over plain HTTP. */
    public static OciRegistry start(Path dir) throws IOException {
        return launch(dir, "http", null, null, null, "");
    }

    /** A registry that asks for {@code user} and {@code password} (Basic, an htpasswd file), over plain HTTP. */
    public static OciRegistry withPassword(Path dir, String user, String password) throws IOException {
        Files.createDirectories(dir);
        Path htpasswd = dir.resolve("htpasswd");
        Files.writeString(htpasswd, user + ":" + bcrypt(password) + "\n");
        String basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        return launch(dir, "http", null, repository -> basic, null, """
                auth:
                  htpasswd:
                    realm: sluice-test-registry
                    path: %s
                """.formatted(htpasswd));
    }

    /**
     * A registry that sends clients to a token service ({@link #tokens()}) that gives tokens to
     * {@code user} with {@code password}, over plain HTTP.
     */
    public static OciRegistry withTokens(Path dir, String user, String password) throws IOException {
        Files.createDirectories(dir);
        RegistryTokenServer tokens = RegistryTokenServer.start(user, password);
        Path bundle = dir.resolve("token-root.crt");
        Files.writeString(bundle, tokens.rootCertificatePem());
        try {
            return launch(dir, "http", null,
                    repository -> "Bearer " + tokens.issue(repository, List.of("pull", "push")), tokens, """
                    auth:
                      token:
                        realm: %s
                        service: %s
                        issuer: %s
                        rootcertbundle: %s
                    """.formatted(tokens.realm(), RegistryTokenServer.SERVICE, RegistryTokenServer.ISSUER, bundle));
        } catch (IOException | RuntimeException e) {
            tokens.close();
            throw e;
        }
    }

    /**
     * A registry on HTTPS with a server certificate of {@code ca}; with {@code client} not null, it asks
     * for a client certificate of {@code ca}, and pushes with {@code client}.
     */
    public static OciRegistry withTls(Path dir, CertificateAuthority ca, CertificateAuthority.Issued client)
            throws IOException {
        Files.createDirectories(dir);
        CertificateAuthority.Issued server = ca.server("sluice-test-registry");
        Path certificate = Files.writeString(dir.resolve("server.crt"), server.certificatePem());
        Path key = Files.writeString(dir.resolve("server.key"), server.keyPem());
        Path clientCas = Files.writeString(dir.resolve("client-ca.crt"), ca.root().certificatePem());
        String tls = """
                  tls:
                    certificate: %s
                    key: %s
                """.formatted(certificate, key) + (client == null ? "" : """
                    clientcas:
                      - %s
                """.formatted(clientCas));
        return launch(dir, "https", ca.context(client), null, null, tls);
    }

    private static OciRegistry launch(Path dir, String scheme, SSLContext tls, Function<String, String> push,
            RegistryTokenServer tokens, String extra) throws IOException {
        // extra follows http.addr: top-level sections (auth) start at column 0, http's own (tls) at 2.
        Files.createDirectories(dir);
        int port = FreePorts.next();
        Files.writeString(dir.resolve("config.yml"), """
                version: 0.1
                log:
                  level: warn
                storage:
                  filesystem:
                    rootdirectory: %s
                http:
                  addr: 127.0.0.1:%d
                %s""".formatted(dir.resolve("data"), port, extra));
        OciRegistry registry = new OciRegistry(dir, port, scheme, tls, push, tokens);
        registry.restart();
        return registry;
    }

    /** host:port, as an image name starts. */
    public String address() {
        return address;
    }

    /** The token service of a registry made by {@link #withTokens}; null for the others. */
    public RegistryTokenServer tokens() {
        return tokens;
    }

    /** Stops the registry, as a registry that is down: connections to its port are refused. */
    public void stop() {
        if (process != null) {
            process.close();
            process = null;
        }
    }

    /** Starts the registry (again) on its port with its images; returns once it answers. */
    public void restart() throws IOException {
        stop();
        process = ChildProcess.start("docker-registry", List.of(BINARY.toString(), "serve", config.toString()),
                Map.of(), dir, dir.resolve("registry.log"));
        Deadline.until("registry answering on " + address, START_TIMEOUT, this::answers);
    }

    /** Pushes a minimal image (a config blob, no layers) to {@code repository:tag}. */
    public void push(String repository, String tag) throws Exception {
        tag(repository, List.of(tag));
    }

    /** Pushes the minimal image once and tags it with each of {@code tags} (one manifest PUT per tag). */
    public void tag(String repository, List<String> tags) throws Exception {
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
                .getBytes(StandardCharsets.UTF_8);
        String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(config));
        // The one-request upload stores nothing on this registry: start an upload, then complete it.
        HttpResponse<String> upload = expect(202, http.send(request(repository, "/v2/" + repository + "/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()));
        String location = upload.headers().firstValue("Location").orElseThrow();
        URI complete = URI.create(scheme + "://" + address + "/").resolve(location);
        expect(201, http.send(authorized(repository, HttpRequest.newBuilder(URI.create(complete
                        + (location.contains("?") ? "&" : "?") + "digest=" + digest)))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(config)).build(), HttpResponse.BodyHandlers.ofString()));
        String manifest = """
                {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",
                 "config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":%d,"digest":"%s"},
                 "layers":[]}""".formatted(config.length, digest);
        for (String tag : tags) {
            expect(201, http.send(request(repository, "/v2/" + repository + "/manifests/" + tag)
                    .header("Content-Type", "application/vnd.docker.distribution.manifest.v2+json")
                    .PUT(HttpRequest.BodyPublishers.ofString(manifest)).build(), HttpResponse.BodyHandlers.ofString()));
        }
    }

    /**
     * How many requests the registry has served so far whose access-log line contains {@code text}
     * (e.g. {@code "GET /v2/apps/web/tags/list"}): what the registry itself saw, for benchmarks.
     */
    public long requests(String text) throws IOException {
        try (Stream<String> lines = Files.lines(dir.resolve("registry.log"))) {
            return lines.filter(line -> line.contains(text)).count();
        }
    }

    /** The digest the registry gives the manifest of {@code repository:tag} (Docker-Content-Digest). */
    public String digest(String repository, String tag) throws Exception {
        HttpResponse<String> response = expect(200, http.send(request(repository, "/v2/" + repository
                        + "/manifests/" + tag).header("Accept", "application/vnd.docker.distribution.manifest.v2+json")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()));
        return response.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }

    private HttpRequest.Builder request(String repository, String path) {
        return authorized(repository, HttpRequest.newBuilder(URI.create(scheme + "://" + address + path)));
    }

    private HttpRequest.Builder authorized(String repository, HttpRequest.Builder request) {
        return pushAuthorization == null ? request : request.header("Authorization", pushAuthorization.apply(repository));
    }

    /** Answering: /v2/ says 200, or 401 when it asks for a login. */
    private boolean answers() {
        try {
            int status = http.send(HttpRequest.newBuilder(URI.create(scheme + "://" + address + "/v2/")).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200 || status == 401;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String bcrypt(String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        // Cost 5 keeps a login quick; the registry checks the hash on every request.
        return OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, 5);
    }

    private static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.uri() + ": HTTP "
                    + response.statusCode() + " " + response.body());
        }
        return response;
    }

    @Override
    public void close() {
        stop();
        if (tokens != null) {
            tokens.close();
        }
    }
}
