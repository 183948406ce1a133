package io.sluice.cli.stack;

import io.sluice.events.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** Reads a running service's JSON API, found through {@code .sluice/stack.json}. */
public final class ServiceApi {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final StackDescription stack;

    public ServiceApi(StackDescription stack) {
        this.stack = stack;
    }

    /** GETs {@code path} of {@code service} and reads the JSON list as {@code type} rows. */
    public <T> List<T> list(Service service, String path, Class<T> type) throws IOException {
        return Json.MAPPER.readValue(text(service, path),
                Json.MAPPER.getTypeFactory().constructCollectionType(List.class, type));
    }

    /** The body of {@code service}'s answer to GET {@code path}; any status but 200 is an error quoting the body. */
    public String text(Service service, String path) throws IOException {
        String base = stack.services().get(service.module());
        if (base == null) {
            throw new IOException(service.module() + " is not in the stack description");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException(service.module() + " answered " + response.statusCode() + " to GET " + path
                        + ": " + response.body());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking " + service.module(), e);
        }
    }
}
