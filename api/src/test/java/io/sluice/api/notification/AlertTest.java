package io.sluice.api.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Documents;
import io.sluice.api.meta.LocalReference;
import io.sluice.api.read.ReadResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertTest {

    @Test
    void readsFluxsOwnExample() {
        Alert slack = Documents.clean(Alert.KIND, "upstream/alert-slack.yaml").get(0);
        Alert.Spec spec = slack.spec();
        assertEquals(new LocalReference("slack-bot"), spec.providerRef());
        assertEquals("error", spec.eventSeverity());
        assertTrue(spec.errorsOnly());
        assertEquals(List.of(new ObjectSelector(null, "GitRepository", "*", "flux-system", Map.of()),
                new ObjectSelector(null, "Kustomization", "*", "flux-system", Map.of())), spec.eventSources());
        assertTrue(spec.eventSources().get(0).anyName());
        assertEquals(Map.of("summary", "Cluster addons impacted", "env", "prod", "cluster", "my-cluster", "region",
                "us-east-2"), spec.eventMetadata());
    }

    @Test
    void theSummaryOfFluxsProviderExampleIsEventMetadata() {
        Alert flagger = Documents.clean(Alert.KIND, "upstream/provider-slack-bot.yaml").get(0);
        assertEquals(Map.of("summary", "Flagger impacted in us-east-2"), flagger.spec().eventMetadata());
        assertEquals(List.of("HelmRepository", "HelmRelease"),
                flagger.spec().eventSources().stream().map(ObjectSelector::kind).toList());
        assertEquals(Map.of("summary", "written", "env", "prod"), read("""
                summary: written
                eventMetadata: {summary: overridden, env: prod}
                eventSources: [{kind: Kustomization, name: web}]""").spec().eventMetadata(),
                "spec.summary wins, as in Flux");
    }

    @Test
    void defaults() {
        Alert alert = read("eventSources: [{kind: Kustomization, name: web}]");
        assertEquals("info", alert.spec().eventSeverity());
        assertFalse(alert.spec().errorsOnly());
        assertEquals(List.of(new ObjectSelector(null, "Kustomization", "web", "apps", Map.of())),
                alert.spec().eventSources(), "the Alert's namespace");
        assertEquals(List.of(), alert.spec().inclusionList());
        assertEquals(List.of(), alert.spec().exclusionList());
        assertEquals(Map.of(), alert.spec().eventMetadata());
        assertFalse(alert.spec().suspend());
        assertEquals(List.of(new ObjectSelector("kustomize.toolkit.fluxcd.io/v1", "Kustomization", "web", "prod",
                Map.of())), read("""
                eventSources: [{apiVersion: kustomize.toolkit.fluxcd.io/v1, kind: Kustomization, name: web,
                  namespace: prod}]
                inclusionList: ['.*succeeded.*']
                exclusionList: ['^Dependencies']""").spec().eventSources());
    }

    @Test
    void wrongFieldsAreErrorsNamingTheFileLineAndFieldPath() {
        ReadResult<Alert> read = Documents.one(Alert.KIND, "notify/alerts.yaml", """
                ---
                apiVersion: notification.toolkit.fluxcd.io/v1beta2
                kind: Alert
                metadata:
                  name: on-errors
                  namespace: flux-system
                spec:
                  eventSeverity: warning
                  eventSources:
                    - kind: Application
                      name: web
                    - kind: Kustomization
                  exclusionList:
                    - "^Dependencies"
                    - "(unclosed"
                """);
        String where = "notify/alerts.yaml:2 (document 1): Alert flux-system/on-errors: ";
        assertEquals(List.of(
                where + "spec.providerRef is required",
                where + "spec.eventSeverity must be info or error, not 'warning'",
                where + "spec.eventSources[0].kind must be " + Documents.alternatives(ObjectSelector.KINDS)
                        + ", not 'Application'",
                where + "spec.eventSources[1].name is required",
                where + "spec.exclusionList[1] must be a valid regular expression, not '(unclosed' (unclosed group)"),
                read.errorMessages());
        assertEquals(List.of("spec.eventSources is required"), Documents.errors(Alert.KIND, document("")));
    }

    @Test
    void whatSluiceDoesNotDoIsAWarning() {
        ReadResult<Alert> read = Documents.one(Alert.KIND, "alerts.yaml", document("""
                eventSources:
                  - kind: Kustomization
                    name: '*'
                    matchLabels: {team: web}
                  - kind: GitRepository
                    name: web
                    matchLabels: {team: web}
                """));
        assertTrue(read.valid(), () -> read.errorMessages().toString());
        assertEquals(List.of(
                "spec.eventSources[0].matchLabels is not supported by Sluice yet, ignored: every Kustomization in"
                        + " namespace apps matches, whatever its labels",
                "spec.eventSources[1].matchLabels is ignored: it applies only with name '*' (as in Flux)"),
                read.warnings().stream().map(Object::toString).toList());
        assertEquals(Map.of("team", "web"), read.value().spec().eventSources().get(0).matchLabels());
        assertEquals(List.of("spec.eventSources is empty: the Alert matches no event"),
                Documents.one(Alert.KIND, "alerts.yaml", document("eventSources: []")).problems().stream()
                        .map(Object::toString).toList());
    }

    private static Alert read(String fields) {
        return Documents.valid(Alert.KIND, document(fields));
    }

    private static String document(String fields) {
        return """
                apiVersion: notification.toolkit.fluxcd.io/v1beta3
                kind: Alert
                metadata: {name: on-errors, namespace: apps}
                spec:
                  providerRef: {name: hooks}
                """ + fields.indent(2);
    }
}
