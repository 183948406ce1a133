package io.sluice.api.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Documents;
import io.sluice.api.ObjectRef;
import io.sluice.api.meta.LocalReference;
import io.sluice.api.read.ReadResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReceiverTest {

    @Test
    void readsFluxsOwnExample() {
        Receiver github = Documents.clean(Receiver.KIND, "upstream/receiver-github-receiver.yaml").get(0);
        Receiver.Spec spec = github.spec();
        assertEquals(new ObjectRef("notification.toolkit.fluxcd.io/v1", "Receiver", "flux-system", "github-receiver"),
                github.ref());
        assertEquals("github", spec.type());
        assertEquals(List.of("ping", "push"), spec.events());
        assertEquals(new LocalReference("receiver-token"), spec.secretRef());
        assertEquals(List.of(new ObjectSelector("source.toolkit.fluxcd.io/v1", "GitRepository", "flux-system",
                "flux-system", Map.of())), spec.resources());
        assertFalse(spec.suspend());
    }

    @Test
    void apiVersionsAndNamespacesAreDefaultedAsFluxDoes() {
        Receiver receiver = Documents.valid(Receiver.KIND, document("""
                type: generic
                secretRef: {name: token}
                interval: 10m
                suspend: true
                resources:
                  - {kind: GitRepository, name: app}
                  - {kind: HelmRepository, name: '*', matchLabels: {team: web}, namespace: charts}
                """));
        assertEquals(List.of(
                new ObjectSelector("source.toolkit.fluxcd.io/v1", "GitRepository", "app", "apps", Map.of()),
                new ObjectSelector("source.toolkit.fluxcd.io/v1", "HelmRepository", "*", "charts",
                        Map.of("team", "web"))),
                receiver.spec().resources());
        assertEquals(List.of(), receiver.spec().events(), "every event");
        assertTrue(receiver.spec().suspend());
    }

    @Test
    void wrongFieldsAreErrorsNamingTheFileLineAndFieldPath() {
        ReadResult<Receiver> read = Documents.one(Receiver.KIND, "hooks/receivers.yaml", """
                # from the registry
                apiVersion: notification.toolkit.fluxcd.io/v1
                kind: Receiver
                metadata:
                  name: images
                  namespace: flux-system
                spec:
                  type: harbor
                  resources:
                    - kind: Kustomization
                      name: apps
                    - kind: GitRepository
                      name: '*'
                    - kind: Application
                      name: web
                """);
        String where = "hooks/receivers.yaml:2 (document 1): Receiver flux-system/images: ";
        assertEquals(List.of(
                where + "spec.secretRef is required (for every type but generic-oidc)",
                where + "spec.resources[0].apiVersion is required for kind 'Kustomization'",
                where + "spec.resources[1].matchLabels is required when name is '*'",
                where + "spec.resources[2].kind must be " + Documents.alternatives(ObjectSelector.KINDS)
                        + ", not 'Application'"),
                read.errorMessages());
        assertEquals(List.of(where + "spec.type 'harbor' is not served by Sluice yet, its requests are refused (it"
                + " serves github, gitlab, bitbucket, generic, generic-hmac)"), read.warningMessages(),
                "a valid Flux Receiver: listed, not ready");
        assertEquals(List.of("spec.type must be " + Documents.alternatives(Receiver.TYPES) + ", not 'gitea'"),
                errors("type: gitea\nsecretRef: {name: token}\nresources: [{kind: GitRepository, name: app}]"));
        assertEquals(List.of("spec.resources is required"), errors("type: generic\nsecretRef: {name: token}"));
        assertEquals(List.of("spec.resources must name at least one object to reconcile"),
                errors("type: generic\nsecretRef: {name: token}\nresources: []"));
        assertEquals(List.of("spec.type is required (" + Documents.alternatives(Receiver.TYPES) + ")"),
                errors("secretRef: {name: token}\nresources: [{kind: GitRepository, name: app}]"));
        assertEquals(List.of("spec.resources[1].name is required"), errors("type: github\nsecretRef: {name: token}\n"
                + "resources: [{kind: GitRepository, name: app}, {kind: GitRepository}]"));
        assertEquals(List.of("spec.events must be a list, not 'push'"),
                errors("type: github\nevents: push\nsecretRef: {name: token}\nresources: [{kind: GitRepository, name: app}]"));
        assertEquals(List.of(), errors("type: generic-oidc\nresources: [{kind: GitRepository, name: app}]"),
                "no secretRef needed");
    }

    @Test
    void whatSluiceDoesNotDoIsAWarning() {
        ReadResult<Receiver> read = Documents.one(Receiver.KIND, "receivers.yaml", document("""
                type: generic-hmac
                events: [push]
                secretRef: {name: token}
                resourceFilter: 'req.tag.startsWith("v")'
                resources:
                  - kind: GitRepository
                    name: app
                    matchLabels: {team: web}
                    filter: 'res.metadata.name == "app"'
                  - apiVersion: kustomize.toolkit.fluxcd.io/v1
                    kind: Kustomization
                    name: apps
                """));
        assertTrue(read.valid(), () -> read.errorMessages().toString());
        assertEquals(List.of(
                "spec.events is ignored: a generic-hmac request names no event",
                "spec.resources[0].matchLabels is ignored: it applies only with name '*' (as in Flux)",
                "spec.resources[1] is not supported by Sluice yet, ignored: a Receiver has only"
                        + " source.toolkit.fluxcd.io objects reconciled so far",
                "spec.resourceFilter is not supported by Sluice yet, ignored: every object spec.resources names is"
                        + " reconciled",
                "spec.resources[0].filter is not supported by Sluice yet, ignored: every object the entry names is"
                        + " reconciled"),
                read.warnings().stream().map(Object::toString).toList());
    }

    private static List<String> errors(String fields) {
        return Documents.errors(Receiver.KIND, document(fields));
    }

    private static String document(String fields) {
        return """
                apiVersion: notification.toolkit.fluxcd.io/v1
                kind: Receiver
                metadata: {name: hooks, namespace: apps}
                spec:
                """ + fields.indent(2);
    }
}
