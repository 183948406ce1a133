package io.sluice.render.artifact;

import io.sluice.events.SourceArtifact;
import io.sluice.render.manifest.RenderException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/** Fetches an artifact and accepts it only if its sha256 is the digest the source published. */
public final class ArtifactDownloader {
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    private final Duration timeout;
    private final long maxBytes;

    public ArtifactDownloader(Duration timeout, long maxBytes) {
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    /** Writes the artifact to {@code target}; every failure names the URL. */
    public void download(SourceArtifact artifact, Path target) throws RenderException {
        String url = artifact.url();
        if (url == null || url.isBlank()) {
            throw new RenderException("artifact of " + artifact.sourceId() + " has no URL");
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
        } catch (IllegalArgumentException e) {
            throw new RenderException("artifact " + url + ": not a valid URL: " + e.getMessage());
        }
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new RenderException("artifact " + url + ": HTTP " + response.statusCode());
                }
                String digest = copyAndHash(body, target, url);
                if (!digest.equals(artifact.digest())) {
                    throw new RenderException("artifact " + url + ": sha256 mismatch: expected " + artifact.digest()
                            + ", downloaded " + digest);
                }
            }
        } catch (IOException e) {
            throw new RenderException("artifact " + url + ": cannot download: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenderException("artifact " + url + ": download interrupted");
        }
    }

    private String copyAndHash(InputStream body, Path target, String url) throws IOException, RenderException {
        MessageDigest sha256 = sha256();
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(target)) {
            for (int n; (n = body.read(buffer)) > 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw new RenderException("artifact " + url + ": larger than the limit of " + maxBytes + " bytes");
                }
                sha256.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        return "sha256:" + HexFormat.of().formatHex(sha256.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
