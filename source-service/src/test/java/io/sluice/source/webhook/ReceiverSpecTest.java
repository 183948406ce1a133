package io.sluice.source.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.api.ObjectRef;
import io.sluice.source.config.InvalidFieldException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReceiverSpecTest {
    @Test
    void readsFluxsFields() {
        ReceiverSpec spec = ReceiverSpec.parse(receiver(Map.of("type", "github", "events", List.of("ping", "push"),
                "secretRef", Map.of("name", "webhook-token"),
                "resources", List.of(Map.of("kind", "GitRepository", "name", "webapp"),
                        Map.of("apiVersion", "source.toolkit.fluxcd.io/v1", "kind", "HelmRepository", "name", "*",
                                "namespace", "charts", "matchLabels", Map.of("team", "web"))))));
        assertEquals("github", spec.type());
        assertEquals(List.of("ping", "push"), spec.events());
        assertEquals("webhook-token", spec.secretName());
        assertEquals(new ObjectRef("source.toolkit.fluxcd.io/v1", "GitRepository", "flux-system", "webapp"),
                spec.resources().get(0).ref("flux-system"), "apiVersion defaults by kind, namespace to the Receiver's");
        assertEquals(Map.of("team", "web"), spec.resources().get(1).matchLabels());
        assertEquals("charts", spec.resources().get(1).ref("flux-system").namespace());
    }

    @Test
    void eachProblemNamesItsField() {
        assertEquals("spec.type is required", problem(Map.of("secretRef", Map.of("name", "t"),
                "resources", List.of(Map.of("kind", "GitRepository", "name", "a")))));
        assertEquals("spec.secretRef.name is required", problem(Map.of("type", "github",
                "resources", List.of(Map.of("kind", "GitRepository", "name", "a")))));
        assertEquals("spec.resources is required", problem(Map.of("type", "github", "secretRef", Map.of("name", "t"))));
        assertEquals("spec.resources[1].name is required", problem(Map.of("type", "github", "secretRef",
                Map.of("name", "t"), "resources", List.of(Map.of("kind", "GitRepository", "name", "a"),
                        Map.of("kind", "GitRepository")))));
        assertEquals("spec.resources[0].matchLabels is required when name is '*'", problem(Map.of("type", "github",
                "secretRef", Map.of("name", "t"), "resources", List.of(Map.of("kind", "GitRepository", "name", "*")))));
        assertEquals("spec.resources[0].apiVersion is required for kind 'Kustomization'", problem(Map.of("type",
                "github", "secretRef", Map.of("name", "t"), "resources", List.of(Map.of("kind", "Kustomization",
                        "name", "apps")))));
        assertEquals("spec.events must be a list of event names, e.g. [push]", problem(Map.of("type", "github",
                "events", "push", "secretRef", Map.of("name", "t"),
                "resources", List.of(Map.of("kind", "GitRepository", "name", "a")))));
    }

    private static String problem(Map<String, Object> spec) {
        return assertThrows(InvalidFieldException.class, () -> ReceiverSpec.parse(receiver(spec))).getMessage();
    }

    private static Map<String, Object> receiver(Map<String, Object> spec) {
        return Map.of("apiVersion", "notification.toolkit.fluxcd.io/v1", "kind", "Receiver",
                "metadata", Map.of("name", "r", "namespace", "flux-system"), "spec", spec);
    }
}
