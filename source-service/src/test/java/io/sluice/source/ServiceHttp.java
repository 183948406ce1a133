package io.sluice.source;

import io.sluice.events.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/** Calls the service under test over HTTP, as the CLI and the other services do. */
final class ServiceHttp {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    static String base() {
        return "http://127.0.0.1:" + ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
    }

    static HttpResponse<byte[]> get(String url, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), headers, HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<String> post(String url, HttpRequest.BodyPublisher body, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).POST(body), headers, HttpResponse.BodyHandlers.ofString());
    }

    private static <T> HttpResponse<T> send(HttpRequest.Builder request, String[] headers,
            HttpResponse.BodyHandler<T> handler) {
        if (headers.length > 0) {
            request.headers(headers);
        }
        HttpRequest built = request.build();
        try {
            return CLIENT.send(built, handler);
        } catch (IOException e) {
            throw new AssertionError(built.method() + " " + built.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Every entry of {@code GET /api/sources}. */
    static List<Map<String, Object>> sources() {
        return sources(base());
    }

    /** The entry of {@code GET /api/sources} for one source. */
    static Optional<Map<String, Object>> source(String namespace, String name) {
        return sources(base()).stream().filter(s -> namespace.equals(s.get("namespace")) && name.equals(s.get("name")))
                .findFirst();
    }

    /** The value of a counter or timer count on /q/metrics for one source; 0 when absent. */
    static double metric(String name, String sourceId) {
        return metricTagged(name, "source=\"" + sourceId + "\"");
    }

    /** The total of a counter or timer count on /q/metrics over the series whose {@code label} is {@code value}. */
    static double metric(String name, String label, String value) {
        return metricTagged(name, label + "=\"" + value + "\"");
    }

    /** Every entry of {@code GET /api/sources} of the service at {@code base}. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> sources(String base) {
        return Json.read(new String(get(base + "/api/sources").body()), List.class);
    }

    /** The sum of a counter or timer count on /q/metrics over the series whose tags include {@code tags}; 0 when absent. */
    static double metricTagged(String name, String tags) {
        return metricAt(base(), name, tags);
    }

    /** As {@link #metricTagged}, of the service at {@code base}; empty {@code tags} also match a series without tags. */
    static double metricAt(String base, String name, String tags) {
        String metrics = new String(get(base + "/q/metrics").body());
        String labels = tags.isEmpty() ? "(?:\\{[^}]*})?" : "\\{[^}]*" + Pattern.quote(tags) + "[^}]*}";
        // A sample taken inside a span (a poll, a webhook) may end in its exemplar: " # {trace_id=...} ...".
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + labels + " (\\S+)(?: # .*)?$")
                .matcher(metrics);
        double total = 0;
        while (matcher.find()) {
            total += Double.parseDouble(matcher.group(1));
        }
        return total;
    }

    private ServiceHttp() {
    }
}
