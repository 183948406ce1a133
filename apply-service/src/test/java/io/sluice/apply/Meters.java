package io.sluice.apply;

import io.sluice.api.ObjectRef;
import io.sluice.testkit.cluster.ClusterProvider;
import io.sluice.testkit.process.Deadline;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the meters say: the service's own on /q/metrics, and the API server's request counts on its /metrics. */
final class Meters {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Set<String> WRITE_VERBS = Set.of("APPLY", "PATCH", "POST", "PUT", "DELETE",
            "DELETECOLLECTION");
    private static final Pattern REQUESTS = Pattern.compile("(?m)^apiserver_request_total\\{([^}]*)} (\\S+)$");

    /** The sum of the service's samples of {@code name} for {@code app} (over its other labels); 0 when none. */
    static double service(URL root, String name, ObjectRef app) {
        return service(root, name, app, "");
    }

    /** The same, over the samples that also carry {@code label="value"} (only a label sorted after app). */
    static double service(URL root, String name, ObjectRef app, String label, String value) {
        return service(root, name, app, "[^}]*" + label + "=\"" + Pattern.quote(value) + "\"");
    }

    /** The value of the service's unlabelled meter {@code name} (a gauge such as owned partitions); 0 when none. */
    static double service(URL root, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(get(URI.create(root.toString())
                .resolve("q/metrics")));
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static double service(URL root, String name, ObjectRef app, String moreLabels) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*app=\"" + Pattern.quote(app.id()) + "\"" + moreLabels
                + "[^}]*} (\\S+)$").matcher(get(URI.create(root.toString()).resolve("q/metrics")));
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }

    /**
     * The writes the API server has served on the objects themselves (not their status or scale
     * subresources) of {@code resources}, e.g. "configmaps": requests with a write verb that were not
     * dry runs, as its own apiserver_request_total counts them; by verb and resource, e.g. "APPLY configmaps".
     */
    static Map<String, Long> apiServerWrites(Set<String> resources) {
        Matcher m = REQUESTS.matcher(ClusterProvider.shared().kubectl("get", "--raw", "/metrics"));
        Map<String, Long> writes = new TreeMap<>();
        while (m.find()) {
            String labels = m.group(1);
            if (WRITE_VERBS.contains(label(labels, "verb")) && resources.contains(label(labels, "resource"))
                    && label(labels, "dry_run").isEmpty() && label(labels, "subresource").isEmpty()) {
                writes.merge(label(labels, "verb") + " " + label(labels, "resource"), Long.parseLong(m.group(2)),
                        Long::sum);
            }
        }
        return writes;
    }

    /**
     * Waits until the API server's write count on {@code resources} holds still for two seconds
     * (the controllers react to new objects for a moment: a Deployment gets its revision annotation),
     * and returns it.
     */
    static Map<String, Long> awaitQuietCluster(Set<String> resources, Duration timeout) {
        AtomicReference<Map<String, Long>> last = new AtomicReference<>(Map.of());
        AtomicLong since = new AtomicLong(System.nanoTime());
        Deadline.until("the cluster to stop writing " + resources, timeout, () -> {
            Map<String, Long> now = apiServerWrites(resources);
            if (!now.equals(last.getAndSet(now))) {
                since.set(System.nanoTime());
            }
            return System.nanoTime() - since.get() > Duration.ofSeconds(2).toNanos();
        });
        return last.get();
    }

    private static String label(String labels, String name) {
        Matcher m = Pattern.compile("(?:^|,)" + name + "=\"([^\"]*)\"").matcher(labels);
        return m.find() ? m.group(1) : "";
    }

    private static String get(URI uri) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Meters() {
    }
}
