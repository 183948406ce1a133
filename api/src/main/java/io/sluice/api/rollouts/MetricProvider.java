package io.sluice.api.rollouts;

import io.sluice.api.read.Node;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Where a metric's measurements come from: exactly one provider is written; Sluice reads prometheus and
 * web, the others are warnings (then both are null and the metric cannot be measured by Sluice).
 */
public record MetricProvider(Prometheus prometheus, Web web) {
    private static final List<String> PROVIDERS = List.of("prometheus", "web", "job", "kayenta", "datadog",
            "wavefront", "newRelic", "cloudWatch", "graphite", "influxdb", "skywalking", "plugin");
    /** Argo's prometheus query timeout when none is written (NewPrometheusProvider). */
    private static final int DEFAULT_PROMETHEUS_TIMEOUT_SECONDS = 30;
    /** Argo's web request timeout when none (or 0) is written (NewWebMetricHttpClient). */
    private static final int DEFAULT_WEB_TIMEOUT_SECONDS = 10;

    /**
     * A Prometheus query.
     *
     * @param address the Prometheus server's URL; null: the one Sluice is configured with (as Argo's
     *         ARGO_ROLLOUTS_PROMETHEUS_ADDRESS)
     * @param query the query (required)
     * @param timeout how long the query may take; 30 s when not written
     * @param insecure whether the server's TLS certificate is not checked
     * @param headers HTTP headers sent with the query
     */
    public record Prometheus(String address, String query, Duration timeout, boolean insecure, List<Header> headers) {

        static Prometheus read(Node prometheus) {
            prometheus.unsupported(null, "authentication", "rangeQuery");
            return new Prometheus(prometheus.get("address").string(), prometheus.get("query").requiredString(),
                    Duration.ofSeconds(prometheus.get("timeout").integer(0,
                            DEFAULT_PROMETHEUS_TIMEOUT_SECONDS)), prometheus.get("insecure").bool(),
                    prometheus.get("headers").list(Header::read));
        }
    }

    /**
     * An HTTP request whose JSON answer is the result.
     *
     * @param url the URL (required)
     * @param method GET (when not written), POST or PUT
     * @param body the request body (POST and PUT only); null when not written
     * @param jsonBody the request body as JSON, sent as application/json (POST and PUT only); null when not written
     * @param timeout how long the request may take; 10 s when not written (or 0)
     * @param jsonPath the part of the answer that is the result; {@code {$}} (all of it) when not written
     */
    public record Web(String url, String method, List<Header> headers, String body, Object jsonBody,
            Duration timeout, String jsonPath, boolean insecure) {

        static Web read(Node web) {
            web.unsupported(null, "authentication");
            String method = web.get("method").oneOf("GET", "GET", "POST", "PUT");
            Node bodyField = web.get("body");
            Node jsonBodyField = web.get("jsonBody");
            if (bodyField.present() && jsonBodyField.present()) {
                jsonBodyField.error("must not be written with body");
            }
            for (Node field : List.of(bodyField, jsonBodyField)) {
                if (field.present() && "GET".equals(method)) {
                    field.error("is only sent with method POST or PUT");
                }
            }
            int timeoutSeconds = web.get("timeoutSeconds").integer(0, 0);
            String jsonPath = web.get("jsonPath").string();
            return new Web(web.get("url").requiredString(), method, web.get("headers").list(Header::read),
                    bodyField.string(), jsonBodyField.raw(), Duration.ofSeconds(timeoutSeconds == 0
                            ? DEFAULT_WEB_TIMEOUT_SECONDS : timeoutSeconds), jsonPath == null ? "{$}" : jsonPath,
                    web.get("insecure").bool());
        }
    }

    /** An HTTP header sent with a query or request. */
    public record Header(String key, String value) {

        static Header read(Node header) {
            return new Header(header.get("key").requiredString(), header.get("value").string());
        }
    }

    static MetricProvider read(Node provider) {
        Map<?, ?> fields = provider.raw() instanceof Map<?, ?> map ? map : Map.of();
        List<String> written = PROVIDERS.stream().filter(name -> fields.get(name) != null).toList();
        int plugins = fields.get("plugin") instanceof Map<?, ?> plugin ? plugin.size() : 0;
        if (written.isEmpty()) {
            provider.error("must have one of " + String.join(", ", PROVIDERS.subList(0, PROVIDERS.size() - 1))
                    + " or plugin");
        } else if (written.size() > 1 || plugins > 1) {
            provider.error("must have only one provider, not " + (written.size() > 1 ? String.join(" and ", written)
                    : plugins + " plugins"));
        }
        provider.unsupported("Sluice runs no Jobs for analysis; use prometheus or web", "job")
                .unsupported("Sluice measures with prometheus or web", "kayenta", "datadog", "wavefront", "newRelic",
                        "cloudWatch", "graphite", "influxdb", "skywalking", "plugin");
        return new MetricProvider(provider.get("prometheus").object(Prometheus::read),
                provider.get("web").object(Web::read));
    }
}
