package io.sluice.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.events.Event;
import io.sluice.events.RenderedBundle;
import io.sluice.testkit.kafka.KafkaTestResource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Untrusted repository content: each bad input fails the render with an error naming the file at
 * fault, before kustomize runs where it can, and never replaces the last good bundle by an ok one.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class RenderSafetyTest extends RenderTestBase {
    private static final Map<String, String> GOOD = Map.of(
            "apps/kustomization.yaml", "resources:\n- settings.yaml\n",
            "apps/settings.yaml", Manifests.configMap("settings"));

    /**
     * Renders the good repository at one revision, then the same with {@code changes} at the next
     * and the Kustomization given {@code options}; returns the errors of the second render, after
     * checking that it failed and the first bundle is still the only good one.
     */
    private static List<String> errorsAfterGoodRender(String name, Map<String, String> changes,
            Map<String, Object> options) {
        String appId = topics.kustomization(name, name + "-repo", "apps");
        topics.artifact(server.serve(RenderTopics.sourceId(name + "-repo"), "main@sha1:good", TarGz.of(GOOD)));
        RenderedBundle good = topics.bundle(appId, "main@sha1:good");
        assertEquals(List.of(), good.errors());

        Map<String, String> bad = new HashMap<>(GOOD);
        bad.putAll(changes);
        topics.kustomization(name, name + "-repo", "apps", options);
        topics.artifact(server.serve(RenderTopics.sourceId(name + "-repo"), "main@sha1:bad", TarGz.of(bad)));
        RenderedBundle failed = topics.bundle(appId, "main@sha1:bad");

        assertEquals(List.of(), failed.objects());
        assertEquals(List.of(good), topics.bundles(appId).stream().filter(b -> !b.failed()).toList());
        Event event = topics.event(RenderTopics.kustomizationRef(name), "BuildFailed");
        assertEquals(String.join("; ", failed.errors()), event.message());
        return failed.errors();
    }

    private static List<String> errorsAfterGoodRender(String name, Map<String, String> changes) {
        return errorsAfterGoodRender(name, changes, Map.of());
    }

    @Test
    void aResourceClimbingOutOfTheRepositoryIsRefused() {
        assertEquals(List.of("apps/kustomization.yaml: resources entry '../../etc/passwd' leaves the repository:"
                        + " refused"),
                errorsAfterGoodRender("passwd", Map.of("apps/kustomization.yaml",
                        "resources:\n- settings.yaml\n- ../../etc/passwd\n")));
    }

    @Test
    void anAbsolutePathIsRefused() {
        assertEquals(List.of("apps/kustomization.yaml: resources entry '/etc/passwd' is an absolute path: refused",
                        "apps/kustomization.yaml: patches.path entry 'file:///etc/shadow' is an absolute path:"
                                + " refused"),
                errorsAfterGoodRender("absolute", Map.of("apps/kustomization.yaml",
                        "resources:\n- settings.yaml\n- /etc/passwd\npatches:\n- path: file:///etc/shadow\n")));
    }

    @Test
    void aBaseReachedThroughOtherBasesIsCheckedToo() {
        assertEquals(List.of("base/inner/kustomization.yaml: resources entry '../../../outside' leaves the"
                        + " repository: refused"),
                errorsAfterGoodRender("nested", Map.of(
                        "apps/kustomization.yaml", "resources:\n- settings.yaml\n- ../base/outer\n",
                        "base/outer/kustomization.yaml", "resources:\n- ../inner\n",
                        "base/inner/kustomization.yaml", "resources:\n- ../../../outside\n")));
    }

    @Test
    void remoteBasesAreRefusedBeforeKustomizeRuns() {
        assertEquals(List.of(
                "apps/kustomization.yaml: resources entry 'https://github.com/kubernetes-sigs/kustomize//examples/"
                        + "helloWorld?ref=v1.0.6' is a remote base: refused (sluice.render.allow-remote-bases is"
                        + " false)",
                "apps/kustomization.yaml: resources entry 'github.com/example/platform/base?ref=v1' is a remote"
                        + " base: refused (sluice.render.allow-remote-bases is false)",
                "apps/kustomization.yaml: resources entry 'missing' not found in the artifact",
                "apps/kustomization.yaml: components entry 'git@github.com:example/platform.git/components/x' is a"
                        + " remote base: refused (sluice.render.allow-remote-bases is false)"),
                errorsAfterGoodRender("remote", Map.of("apps/kustomization.yaml", """
                        resources:
                        - settings.yaml
                        - https://github.com/kubernetes-sigs/kustomize//examples/helloWorld?ref=v1.0.6
                        - github.com/example/platform/base?ref=v1
                        - missing
                        components:
                        - git@github.com:example/platform.git/components/x
                        """)));
    }

    @Test
    void aRemoteComponentInTheKustomizationIsRefused() {
        assertEquals(List.of("spec.components: component path 'https://github.com/example/platform/x' must be"
                        + " local and relative"),
                errorsAfterGoodRender("remote-component", Map.of("apps/extra.txt", "a change"),
                        Map.of("components", List.of("https://github.com/example/platform/x"))));
    }

    @Test
    void aBuildPrintingMoreThanTheOutputLimitIsStopped() {
        // 50 MiB of configMapGenerator data; the artifact itself is small once compressed.
        String line = "x".repeat(1023) + "\n";
        assertEquals(List.of("apps: kustomize build output is larger than the limit of 20971520 bytes"
                        + " (sluice.render.max-output-size): build stopped"),
                errorsAfterGoodRender("huge", Map.of(
                        "apps/kustomization.yaml", "resources:\n- settings.yaml\nconfigMapGenerator:\n- name: big\n"
                                + "  files:\n  - big.txt\n",
                        "apps/big.txt", line.repeat(50 * 1024))));
    }
}
