package io.sluice.image;

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
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A real OCI registry (Debian's docker-registry, CNCF distribution) on a loopback port, with a
 * way to push a tiny image under any tag as a client would.
 */
final class OciRegistry implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/docker-registry");

    private final ChildProcess process;
    private final String address;
    private final HttpClient http = HttpClient.newHttpClient();

    private OciRegistry(ChildProcess process, String address) {
        this.process = process;
        this.address = address;
    }

    static OciRegistry start(Path dir) throws IOException {
        int port = FreePorts.next();
        Path config = dir.resolve("config.yml");
        Files.writeString(config, """
                version: 0.1
                log:
                  level: warn
                storage:
                  filesystem:
                    rootdirectory: %s
                http:
                  addr: 127.0.0.1:%d
                """.formatted(dir.resolve("data"), port));
        ChildProcess process = ChildProcess.start("docker-registry", List.of(BINARY.toString(), "serve",
                config.toString()), Map.of(), dir, dir.resolve("registry.log"));
        OciRegistry registry = new OciRegistry(process, "127.0.0.1:" + port);
        Deadline.until("registry answering on " + registry.address, Duration.ofSeconds(30),
                registry::answers);
        return registry;
    }

    /** host:port, as an image name starts. */
    String address() {
        return address;
    }

    /** Pushes a minimal image (a config blob, no layers) to {@code repository:tag}. */
    void push(String repository, String tag) throws Exception {
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
                .getBytes(StandardCharsets.UTF_8);
        String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(config));
        // The one-request upload stores nothing on this registry: start an upload, then complete it.
        HttpResponse<Void> upload = http.send(request("/v2/" + repository + "/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        String location = upload.headers().firstValue("Location").orElseThrow();
        URI complete = URI.create("http://" + address + "/").resolve(location);
        expect(201, http.send(HttpRequest.newBuilder(URI.create(complete + (location.contains("?") ? "&" : "?")
                        + "digest=" + digest)).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(config)).build(), HttpResponse.BodyHandlers.ofString()));
        String manifest = """
                {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",
                 "config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":%d,"digest":"%s"},
                 "layers":[]}""".formatted(config.length, digest);
        expect(201, http.send(request("/v2/" + repository + "/manifests/" + tag)
                .header("Content-Type", "application/vnd.docker.distribution.manifest.v2+json")
                .PUT(HttpRequest.BodyPublishers.ofString(manifest)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://" + address + path));
    }

    private boolean answers() {
        try {
            return http.send(request("/v2/").GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.uri() + ": HTTP "
                    + response.statusCode() + " " + response.body());
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
