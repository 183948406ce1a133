package io.sluice.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.events.Event;
import io.sluice.events.RenderedBundle;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.process.Deadline;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A HelmRelease rendered well once, then given a bad chart: the failed record on the rendered topic
 * carries its errors and no objects (apply-service keeps the last applied state on such a record),
 * the error event names the release and the file, and the good bundle stays the only good one.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HelmBadInputTest extends RenderTestBase {
    private static final String CONFIG_MAP = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{ .Release.Name }}
            data:
              ok: "yes"
            """;
    /**
     * About 90 s of Helm's engine on an idle 2-core machine: past the 60 s time limit, then it ends on
     * its own (Helm's engine cannot be stopped from Java: the render is abandoned and counted).
     */
    private static final String SPINNING = "{{- range $i := until 1400 }}{{- range $j := until 1000 }}"
            + "{{- range $k := until 1000 }}{{- end }}{{- end }}{{- end }}\n" + CONFIG_MAP;

    private static String revision(String name, String version) {
        return version + "@sha256:" + name;
    }

    private static void publishChart(String name, String version, String template) {
        Map<String, String> chart = HelmCharts.chart(name, "{}\n", Map.of("main.yaml", template));
        topics.artifact(server.serve(RenderTopics.chartSourceId(name), revision(name, version),
                HelmCharts.packaged(name, chart)));
    }

    /** Renders release {@code name} with a good chart and returns the good bundle. */
    private static RenderedBundle goodRelease(String name) {
        String appId = topics.helmRelease(name, name, Map.of());
        publishChart(name, "1.0.0", CONFIG_MAP);
        RenderedBundle good = topics.bundle(appId, revision(name, "1.0.0"));
        assertEquals(List.of(), good.errors());
        return good;
    }

    /** The failed record of the bad chart: errors, no objects, no digest, and the good bundle still the only good one. */
    private static RenderedBundle failedAfter(String name, RenderedBundle good) {
        RenderedBundle failed = topics.bundle(good.appId(), revision(name, "2.0.0"));
        assertTrue(failed.failed(), failed.toString());
        assertEquals(List.of(), failed.objects());
        assertNull(failed.digest());
        assertEquals(List.of(good), topics.bundles(good.appId()).stream().filter(b -> !b.failed()).toList());
        return failed;
    }

    @Test
    void aTemplateErrorKeepsTheGoodBundle() {
        RenderedBundle good = goodRelease("erring");
        publishChart("erring", "2.0.0", "{{ fail \"replicas must be set\" }}\n");
        String error = String.join("; ", failedAfter("erring", good).errors());
        assertTrue(error.startsWith("clusters/dev/erring.yaml: helm template failed: "), error);
        assertTrue(error.contains("erring/templates/main.yaml") && error.contains("replicas must be set"), error);
        Event event = topics.event(RenderTopics.helmReleaseRef("erring"), "BuildFailed");
        assertEquals(error, event.message());
    }

    @Test
    void fiftyMebibytesOfOutputAreRefusedNamingTheLimit() {
        RenderedBundle good = goodRelease("bloated");
        publishChart("bloated", "2.0.0", CONFIG_MAP + "  big: {{ repeat 52428800 \"x\" | quote }}\n");
        assertEquals(List.of("clusters/dev/bloated.yaml: helm template output is larger than the limit of 20971520"
                + " bytes (sluice.render.max-output-size)"), failedAfter("bloated", good).errors());
        assertEquals(Event.ERROR, topics.event(RenderTopics.helmReleaseRef("bloated"), "BuildFailed").severity());
    }

    /** Last: the abandoned render keeps a core busy for a while after its time limit. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aTemplateThatNeverEndsFailsOnTheTimeLimitWithoutHoldingUpOtherApplications() {
        RenderedBundle good = goodRelease("spinning");
        long start = System.nanoTime();
        publishChart("spinning", "2.0.0", SPINNING);

        // Another application renders and publishes while the spinning one holds a worker.
        RenderedBundle other = render("bystander", "./", Map.of(), TarGz.of(Map.of("cm.yaml",
                Manifests.configMap("bystander"))));
        double otherSeconds = (System.nanoTime() - start) / 1e9;
        assertEquals(List.of(), other.errors());
        // Well within the time limit: it did not wait for the spinning render.
        assertTrue(otherSeconds < 60, "the other application took " + otherSeconds + " s");
        assertTrue(topics.events(RenderTopics.helmReleaseRef("spinning")).stream()
                .noneMatch(e -> e.reason().equals("BuildFailed")), "the spinning one has not failed yet");

        Deadline.until("the spinning render's time limit", Duration.ofMinutes(3),
                () -> topics.bundles(good.appId()).stream().anyMatch(RenderedBundle::failed));
        RenderedBundle failed = failedAfter("spinning", good);
        assertEquals(List.of("clusters/dev/spinning.yaml: helm template timed out after 60 s (sluice.render.timeout)"),
                failed.errors());
        Event event = topics.event(RenderTopics.helmReleaseRef("spinning"), "BuildFailed");
        assertEquals(RenderTopics.helmReleaseRef("spinning"), event.involvedObject());
        assertEquals(Event.ERROR, event.severity());
    }
}
