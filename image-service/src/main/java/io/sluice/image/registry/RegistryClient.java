package io.sluice.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.events.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Lists a repository's tags through the registry HTTP API v2, anonymously. */
public final class RegistryClient {
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    /** The tags at {@code url} ({@code .../v2/<name>/tags/list}); failures name the URL and the cause. */
    public List<String> tags(String url, Duration timeout) throws RegistryException {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RegistryException("GET " + url + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("GET " + url + ": interrupted");
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() != 200) {
            throw new RegistryException("GET " + url + ": HTTP " + response.statusCode() + registryMessage(body));
        }
        if (body == null || !body.path("tags").isArray() && !body.path("tags").isNull()) {
            throw new RegistryException("GET " + url + ": not a tags list");
        }
        List<String> tags = new ArrayList<>();
        body.path("tags").forEach(tag -> tags.add(tag.asText()));
        return tags;
    }

    private static JsonNode parse(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** The registry's own words for an error ({"errors":[{"message":...}]}), when it gives them. */
    private static String registryMessage(JsonNode body) {
        if (body == null) {
            return "";
        }
        List<String> messages = new ArrayList<>();
        body.path("errors").forEach(error -> messages.add(error.path("message").asText()));
        return messages.isEmpty() ? "" : ": " + String.join("; ", messages);
    }

    /** A scan that failed; the message names the URL and the cause. */
    public static final class RegistryException extends Exception {
        public RegistryException(String message) {
            super(message);
        }
    }
}
