package io.sluice.apply.bundle;

import io.sluice.events.ClaimCheck;
import io.sluice.events.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Fetches the objects of a claim-checked bundle from render-service and accepts them only if their digest matches. */
final class ClaimCheckFetch {
    private final HttpClient http;
    private final Duration timeout;

    ClaimCheckFetch(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** @throws IOException saying what failed: unreachable, an HTTP status, a digest or count that differs */
    List<Map<String, Object>> fetch(ClaimCheck check) throws IOException {
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(check.url())).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IOException e) {
            throw new IOException(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        String found = "sha256:" + sha256(response.body());
        if (!found.equals(check.sha256())) {
            throw new IOException("its digest is " + found + ", not " + check.sha256());
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> objects = Json.read(new String(response.body(), StandardCharsets.UTF_8), List.class);
        if (objects.size() != check.objectCount()) {
            throw new IOException("it holds " + objects.size() + " objects, not " + check.objectCount());
        }
        return objects;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
