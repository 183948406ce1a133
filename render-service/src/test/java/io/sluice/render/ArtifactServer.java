package io.sluice.render;

import com.sun.net.httpserver.HttpServer;
import io.sluice.events.SourceArtifact;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Serves artifacts over real HTTP on 127.0.0.1, as the source-service does. */
final class ArtifactServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();

    ArtifactServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            byte[] body = files.get(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    /** Serves {@code tarGz} and returns the artifact message a source would publish for it. */
    SourceArtifact serve(String sourceId, String revision, byte[] tarGz) {
        return serve(sourceId, revision, tarGz, sha256(tarGz));
    }

    /** The same, announcing {@code digest} whatever the bytes are. */
    SourceArtifact serve(String sourceId, String revision, byte[] tarGz, String digest) {
        String path = "/artifacts/" + next.incrementAndGet() + ".tar.gz";
        files.put(path, tarGz);
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + path;
        return SourceArtifact.of(sourceId, "http://git.example/demo.git", revision, digest, url, tarGz.length,
                Instant.now());
    }

    static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
