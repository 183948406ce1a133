package io.sluice.source;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * A real Helm chart repository over HTTP on 127.0.0.1, as `helm repo index` and a static web server
 * make one: {@code /<repository>/index.yaml} (with an ETag, answering If-None-Match with 304) and the
 * packaged charts under {@code /<repository>/charts/}. Charts are packaged here from a small chart
 * folder (Chart.yaml, values.yaml, templates/). A repository can require basic auth; requests for
 * its index are counted.
 */
final class HelmRepositoryServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, Repository> repositories = new ConcurrentHashMap<>();

    /** One repository: its charts, its index (generated, or raw text to serve instead) and its counters. */
    static final class Repository {
        private final Map<String, byte[]> files = new ConcurrentHashMap<>();
        private final Map<String, String> entries = new LinkedHashMap<>();
        private volatile String rawIndex;
        private volatile String credentials;
        final AtomicInteger indexRequests = new AtomicInteger();
        final AtomicInteger notModified = new AtomicInteger();

        /** Packages chart {@code name} at {@code version} and lists it in the index with its sha256 digest. */
        synchronized Repository publish(String name, String version) {
            byte[] archive = ChartPackage.of(name, version);
            return publish(name, version, archive, ArtifactArchive.sha256(archive).substring("sha256:".length()));
        }

        /** Lists a chart whose index digest is not the archive's. */
        synchronized Repository publishWithDigest(String name, String version, String digest) {
            return publish(name, version, ChartPackage.of(name, version), digest);
        }

        byte[] chart(String name, String version) {
            return files.get("charts/" + name + "-" + version + ".tgz");
        }

        /** Serves {@code text} as index.yaml instead of the generated one; null to go back to it. */
        Repository serveIndex(String text) {
            rawIndex = text;
            return this;
        }

        Repository requireBasicAuth(String username, String password) {
            credentials = "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
            return this;
        }

        private synchronized Repository publish(String name, String version, byte[] archive, String digest) {
            String file = "charts/" + name + "-" + version + ".tgz";
            files.put(file, archive);
            entries.merge(name, entry(name, version, file, digest), String::concat);
            return this;
        }

        private synchronized String index() {
            if (rawIndex != null) {
                return rawIndex;
            }
            StringBuilder yaml = new StringBuilder("apiVersion: v1\nentries:\n");
            entries.forEach((name, versions) -> yaml.append("  ").append(name).append(":\n").append(versions));
            return yaml.append("generated: \"2026-11-27T00:00:00Z\"\n").toString();
        }

        private static String entry(String name, String version, String file, String digest) {
            return "  - apiVersion: v2\n    name: " + name + "\n    version: " + version + "\n    digest: " + digest
                    + "\n    urls:\n    - " + file + "\n";
        }
    }

    static HelmRepositoryServer start() {
        try {
            return new HelmRepositoryServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HelmRepositoryServer(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.start();
    }

    Repository repository(String name) {
        return repositories.computeIfAbsent(name, n -> new Repository());
    }

    /** The repository's URL, as a HelmRepository's spec.url or an Application's repoURL. */
    String url(String repository) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + repository;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] path = exchange.getRequestURI().getPath().substring(1).split("/", 2);
            Repository repository = repositories.get(path[0]);
            if (repository == null || path.length < 2) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (repository.credentials != null
                    && !repository.credentials.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"charts\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            if (path[1].equals("index.yaml")) {
                repository.indexRequests.incrementAndGet();
                byte[] index = repository.index().getBytes(StandardCharsets.UTF_8);
                String etag = "\"" + ArtifactArchive.sha256(index) + "\"";
                exchange.getResponseHeaders().add("ETag", etag);
                if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                    repository.notModified.incrementAndGet();
                    exchange.sendResponseHeaders(304, -1);
                    return;
                }
                send(exchange, index);
                return;
            }
            byte[] file = repository.files.get(path[1]);
            if (file == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            send(exchange, file);
        }
    }

    private static void send(HttpExchange exchange, byte[] body) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** A chart folder (Chart.yaml, values.yaml, templates/) packaged as `helm package` does: a .tgz under "<name>/". */
    static final class ChartPackage {
        static byte[] of(String name, String version) {
            Map<String, String> files = new LinkedHashMap<>();
            files.put("Chart.yaml", "apiVersion: v2\nname: " + name + "\nversion: " + version + "\ntype: application\n");
            files.put("values.yaml", "replicas: 1\n");
            files.put("templates/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                    + "  name: {{ .Release.Name }}\ndata:\n  version: \"" + version + "\"\n");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
                for (Map.Entry<String, String> file : files.entrySet()) {
                    byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
                    TarArchiveEntry entry = new TarArchiveEntry(name + "/" + file.getKey());
                    entry.setSize(content.length);
                    tar.putArchiveEntry(entry);
                    tar.write(content);
                    tar.closeArchiveEntry();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }

        private ChartPackage() {
        }
    }
}
