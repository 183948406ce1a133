package io.sluice.api.rollouts;

import static io.sluice.api.rollouts.RolloutTest.NOT_ACTED_ON;
import static io.sluice.api.rollouts.RolloutTest.warnings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Documents;
import io.sluice.api.ObjectRef;
import io.sluice.api.meta.SecretKeyReference;
import io.sluice.api.read.ReadResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalysisTemplateTest {

    @Test
    void readsTheGuidesAnalysisTemplateVerbatim() {
        ReadResult<AnalysisTemplate> read = Documents.ofKind(AnalysisTemplate.KIND, "seed/rollout-canary.yaml")
                .get(0);
        assertEquals(List.of("AnalysisTemplate" + NOT_ACTED_ON), warnings(read));
        AnalysisTemplate.Spec spec = read.orElseThrow().spec();
        assertEquals(List.of(new Argument("service-name", null, null)), spec.args());
        assertEquals(List.of("success-rate", "latency-p95"), spec.metrics().stream().map(Metric::name).toList());
        Metric successRate = spec.metrics().get(0);
        assertEquals(Duration.ofMinutes(1), successRate.interval());
        assertEquals("result >= 0.95", successRate.successCondition());
        assertEquals(new IntOrArgument(3, null), successRate.failureLimit());
        assertEquals(new IntOrArgument(4, null), successRate.consecutiveErrorLimit(), "Argo's default");
        assertEquals(new IntOrArgument(0, null), successRate.inconclusiveLimit());
        assertNull(successRate.count(), "measured until stopped: an interval and no count");
        MetricProvider.Prometheus prometheus = successRate.provider().prometheus();
        assertEquals("http://prometheus.monitoring.svc:9090", prometheus.address());
        assertTrue(prometheus.query().contains("{{args.service-name}}"));
        assertEquals(Duration.ofSeconds(30), prometheus.timeout());
    }

    @Test
    void readsArgoRolloutsOwnExamples() {
        ReadResult<AnalysisTemplate> successRate = Documents.ofKind(AnalysisTemplate.KIND,
                "upstream/analysistemplate-success-rate.yaml").get(0);
        assertEquals(List.of("AnalysisTemplate" + NOT_ACTED_ON), warnings(successRate));
        assertEquals(Duration.ofMinutes(5), successRate.orElseThrow().spec().metrics().get(0).interval());

        ReadResult<AnalysisTemplate> argsExample = Documents.ofKind(AnalysisTemplate.KIND,
                "upstream/analysistemplate-args-example.yaml").get(0);
        assertEquals(List.of("AnalysisTemplate" + NOT_ACTED_ON), warnings(argsExample));
        AnalysisTemplate.Spec spec = argsExample.orElseThrow().spec();
        assertEquals(new Argument("api-url", "http://example/measure", null), spec.args().get(3));
        assertEquals(new Argument("api-token", null, new Argument.ValueFrom(null, null,
                new SecretKeyReference("token-secret", "apiToken"))), spec.args().get(4));
        Metric webmetric = spec.metrics().get(0);
        assertEquals(new IntOrArgument(1, null), webmetric.count(), "one measurement: no interval, no count");
        assertEquals(new MetricProvider.Web("{{ args.api-url }}?service={{ args.service-name }}", "GET",
                List.of(new MetricProvider.Header("Authorization", "Bearer {{ args.api-token }}")), null, null,
                Duration.ofSeconds(10), "{$.results.ok}", false), webmetric.provider().web());

        List<ReadResult<AnalysisTemplate>> rates = Documents.ofKind(AnalysisTemplate.KIND,
                "upstream/analysistemplate-rates.yaml");
        rates.forEach(read -> assertEquals(List.of("AnalysisTemplate" + NOT_ACTED_ON), warnings(read)));
        AnalysisTemplate.Spec composed = rates.get(2).orElseThrow().spec();
        assertEquals(List.of(), composed.metrics());
        assertEquals(List.of(new RolloutAnalysis.TemplateRef("success-rate", false),
                new RolloutAnalysis.TemplateRef("error-rate", false)), composed.templates());
    }

    @Test
    void clusterAnalysisTemplatesHaveTheSameSpecAndNoNamespace() {
        ReadResult<ClusterAnalysisTemplate> read = Documents.ofKind(ClusterAnalysisTemplate.KIND,
                "upstream/clusteranalysistemplate-success-rate.yaml").get(0);
        assertEquals(List.of("ClusterAnalysisTemplate" + NOT_ACTED_ON), warnings(read));
        assertEquals(new ObjectRef("argoproj.io/v1alpha1", "ClusterAnalysisTemplate", null, "success-rate"),
                read.ref());
        assertEquals("argoproj.io/ClusterAnalysisTemplate//success-rate", read.ref().id());
        assertEquals(new Argument("prometheus-port", "9090", null), read.orElseThrow().spec().args().get(1));
        assertEquals("http://prometheus.example.com:{{args.prometheus-port}}",
                read.orElseThrow().spec().metrics().get(0).provider().prometheus().address());

        ReadResult<ClusterAnalysisTemplate> namespaced = Documents.one(ClusterAnalysisTemplate.KIND, "cat.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: ClusterAnalysisTemplate
                metadata: {name: ping, namespace: prod}
                spec:
                  metrics: [{name: ping, provider: {web: {url: "http://ping"}}}]
                """);
        assertNull(namespaced.orElseThrow().metadata().namespace());
        assertEquals(List.of("metadata.namespace is ignored: ClusterAnalysisTemplate is cluster-scoped",
                "ClusterAnalysisTemplate" + NOT_ACTED_ON), warnings(namespaced));
    }

    @Test
    void wrongFieldsAreErrorsNamingTheFileLineAndFieldPath() {
        ReadResult<AnalysisTemplate> read = Documents.one(AnalysisTemplate.KIND, "apps/web/analysis.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: AnalysisTemplate
                metadata: {name: checks, namespace: prod}
                spec:
                  args:
                  - name: token
                    value: x
                    valueFrom: {secretKeyRef: {name: s}}
                  metrics:
                  - name: errors
                    count: 2
                    failureLimit: 3
                    provider:
                      prometheus:
                        address: http://prometheus:9090
                  - name: errors
                    failureLimit: -2
                    count: 3
                    provider:
                      prometheus: {query: up}
                      web: {url: "http://x"}
                  - name: hook
                    interval: 1m
                    consecutiveSuccessLimit: "{{args.successes}}"
                    failureLimit: -1
                    provider:
                      web:
                        url: http://hooks/check
                        body: '{}'
                  - provider: {web: {method: PATCH}}
                """);
        String where = "apps/web/analysis.yaml:1 (document 1): AnalysisTemplate prod/checks: ";
        assertEquals(List.of(
                where + "spec.metrics[0].count must be at least failureLimit + consecutiveSuccessLimit (3 + 0), not 2",
                where + "spec.metrics[0].interval is required when count is more than 1",
                where + "spec.metrics[0].provider.prometheus.query is required",
                where + "spec.metrics[1].failureLimit must be -1 or more, not -2",
                where + "spec.metrics[1].interval is required when count is more than 1",
                where + "spec.metrics[1].provider must have only one provider, not prometheus and web",
                where + "spec.metrics[1].name 'errors' is the name of another metric",
                where + "spec.metrics[2].provider.web.body is only sent with method POST or PUT",
                where + "spec.metrics[3].name is required",
                where + "spec.metrics[3].provider.web.method must be GET, POST or PUT, not 'PATCH'",
                where + "spec.metrics[3].provider.web.url is required",
                where + "spec.args[0] must have only one of value or valueFrom",
                where + "spec.args[0].valueFrom.secretKeyRef.key is required"),
                read.errorMessages());
        assertEquals(List.of("spec.metrics is required (or spec.templates)"),
                errorsOf("dryRun: [{metricName: x}]\n"));
        assertEquals(List.of("spec.metrics[0].provider must have one of prometheus, web, job, kayenta, datadog,"
                + " wavefront, newRelic, cloudWatch, graphite, influxdb, skywalking or plugin"),
                errorsOf("metrics: [{name: x, provider: {}}]\n"));
        assertEquals(List.of(
                "spec.metrics[0].failureLimit must not be -1 (disabled) while consecutiveSuccessLimit is 0 (disabled)",
                "spec.metrics[1].count must be at least consecutiveSuccessLimit (4), not 2",
                "spec.metrics[2].count must be a whole number or an argument such as '{{args.limit}}', not 'many'"),
                errorsOf("""
                        metrics:
                        - {name: a, failureLimit: -1, provider: {web: {url: "http://a"}}}
                        - {name: b, failureLimit: -1, consecutiveSuccessLimit: 4, count: 2, interval: 1m,
                           provider: {web: {url: "http://b"}}}
                        - {name: c, count: many, provider: {web: {url: "http://c"}}}
                        """));
    }

    @Test
    void providersSluiceDoesNotMeasureWithAreWarnings() {
        ReadResult<AnalysisTemplate> read = Documents.one(AnalysisTemplate.KIND, "a.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: AnalysisTemplate
                metadata: {name: checks}
                spec:
                  dryRun: [{metricName: smoke}]
                  measurementRetention: [{metricName: smoke, limit: 20}]
                  metrics:
                  - name: smoke
                    provider:
                      job:
                        spec:
                          template: {spec: {containers: [{name: smoke, image: curl}], restartPolicy: Never}}
                  - name: apdex
                    provider:
                      datadog: {query: "avg:apdex{*}"}
                  - name: rate
                    provider:
                      prometheus:
                        query: up
                        authentication: {sigv4: {region: eu-west-1}}
                        timeoutSeconds: 5
                """);
        assertTrue(read.valid(), () -> read.errorMessages().toString());
        assertEquals(List.of("AnalysisTemplate" + NOT_ACTED_ON,
                "spec.metrics[0].provider.job is not supported by Sluice yet, ignored: Sluice runs no Jobs for"
                        + " analysis; use prometheus or web",
                "spec.metrics[1].provider.datadog is not supported by Sluice yet, ignored: Sluice measures with"
                        + " prometheus or web",
                "spec.metrics[2].provider.prometheus.authentication is not supported by Sluice yet, ignored",
                "spec.metrics[2].provider.prometheus.timeoutSeconds is not a field Sluice knows, ignored"),
                warnings(read));
        AnalysisTemplate.Spec spec = read.orElseThrow().spec();
        assertEquals(List.of("smoke"), spec.dryRun());
        assertEquals(List.of(new RolloutAnalysis.MeasurementRetention("smoke", 20)), spec.measurementRetention());
        assertEquals(new MetricProvider(null, null), spec.metrics().get(0).provider());
    }

    private static List<String> errorsOf(String spec) {
        return Documents.one(AnalysisTemplate.KIND, "a.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: AnalysisTemplate
                metadata: {name: checks}
                spec:
                """ + spec.indent(2)).errors().stream().map(Object::toString).toList();
    }
}
