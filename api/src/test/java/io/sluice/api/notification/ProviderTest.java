package io.sluice.api.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Documents;
import io.sluice.api.ObjectRef;
import io.sluice.api.read.ReadResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderTest {
    private static final String ADDRESS = "https://hooks.slack.com/services/T000/B000/s3cret";

    @Test
    void readsFluxsOwnSlackExampleWithAWarningThatItIsNotSentYet() {
        ReadResult<Provider> read = Documents.ofKind(Provider.KIND, "upstream/provider-slack-bot.yaml").get(0);
        assertTrue(read.valid(), () -> read.errorMessages().toString());
        assertEquals(List.of(
                "upstream/provider-slack-bot.yaml:3 (document 1): Provider flagger-system/slack-bot: spec.type"
                        + " 'slack' is not supported by Sluice yet: events for this Provider are not sent (Sluice"
                        + " sends to type generic only)",
                "upstream/provider-slack-bot.yaml:3 (document 1): Provider flagger-system/slack-bot: spec.secretRef"
                        + " is not supported by Sluice yet, ignored: no address, token or headers are read from it"),
                read.warningMessages());
        Provider.Spec spec = read.value().spec();
        assertEquals(new ObjectRef("notification.toolkit.fluxcd.io/v1beta3", "Provider", "flagger-system",
                "slack-bot"), read.value().ref());
        assertEquals("slack", spec.type());
        assertFalse(spec.sent());
        assertEquals("general", spec.channel());
        assertEquals("https://slack.com/api/chat.postMessage", spec.address());
        assertEquals(Duration.ofSeconds(15), spec.timeout(), "Flux's GetTimeout");
    }

    @Test
    void readsFluxsGenericExample() {
        ReadResult<Provider> read = Documents.ofKind(Provider.KIND, "upstream/provider-my-webhook.yaml").get(0);
        assertEquals(List.of("spec.certSecretRef is not supported by Sluice yet, ignored: the system's trusted"
                + " certificates are used"), read.problems().stream().map(Object::toString).toList());
        assertTrue(read.value().spec().sent());
        assertEquals("https://my-webhook.internal", read.value().spec().address());
    }

    @Test
    void wrongFieldsAreErrorsNamingTheFileLineAndFieldPathButNeverTheAddress() {
        ReadResult<Provider> read = Documents.one(Provider.KIND, "notify/providers.yaml", """
                # a webhook
                apiVersion: notification.toolkit.fluxcd.io/v1beta3
                kind: Provider
                metadata:
                  name: hooks
                  namespace: flux-system
                spec:
                  type: generic
                  address: hooks.slack.com/services/T000/B000/s3cret
                  timeout: 10 seconds
                  suspend: 1
                """);
        String where = "notify/providers.yaml:2 (document 1): Provider flux-system/hooks: ";
        assertEquals(List.of(
                where + "spec.address must be an http:// or https:// URL for type generic (not quoted: it may hold a"
                        + " secret)",
                where + "spec.timeout must be a duration such as 30s, 5m or 1h30m, not '10 seconds'",
                where + "spec.suspend must be true or false, not '1'"),
                read.errorMessages());
        assertEquals(List.of("spec.type is required (" + Documents.alternatives(Provider.TYPES) + ")"), errors(""));
        assertEquals(List.of("spec.type must be " + Documents.alternatives(Provider.TYPES) + ", not 'email'"),
                errors("type: email"));
        assertEquals(List.of("spec.address is required for type generic (Sluice does not read it from"
                + " spec.secretRef yet)"), errors("type: generic\nsecretRef: {name: hook-address}"));
    }

    @Test
    void theAddressIsNeitherInMessagesNorInToString() {
        ReadResult<Provider> read = Documents.one(Provider.KIND, "providers.yaml", document("""
                type: msteams
                address: %s
                proxy: http://proxy.internal:3128
                """.formatted(ADDRESS)));
        assertTrue(read.problems().stream().noneMatch(problem -> problem.toString().contains("s3cret")));
        assertEquals(ADDRESS, read.value().spec().address());
        assertFalse(read.value().toString().contains("s3cret"), read.value().toString());
        assertTrue(read.value().spec().toString().contains("address=***"));
    }

    @Test
    void defaults() {
        ReadResult<Provider> read = Documents.one(Provider.KIND, "providers.yaml", """
                apiVersion: notification.toolkit.fluxcd.io/v1beta2
                kind: Provider
                metadata: {name: hooks}
                spec: {type: generic, address: 'https://hooks.example.com/sluice', interval: 10m}
                """);
        assertEquals(List.of(), read.problems(), "v1beta2's interval needs nothing");
        Provider.Spec spec = read.value().spec();
        assertEquals("default", read.value().metadata().namespace());
        assertEquals(Duration.ofSeconds(15), spec.timeout());
        assertNull(spec.channel());
        assertNull(spec.username());
        assertFalse(spec.suspend());
        assertEquals(Duration.ofSeconds(5), Documents.valid(Provider.KIND, document("""
                type: generic
                address: https://hooks.example.com/sluice
                timeout: 5s
                """)).spec().timeout());
    }

    @Test
    void fieldsSluiceDoesNotActOnAreWarningsNotErrors() {
        ReadResult<Provider> read = Documents.one(Provider.KIND, "providers.yaml", document("""
                type: github
                address: https://github.com/org/repo
                secretRef: {name: github-token}
                certSecretRef: {name: ca}
                proxySecretRef: {name: proxy}
                serviceAccountName: notifier
                commitStatusExpr: "event.metadata.app"
                username: flux
                """));
        assertTrue(read.valid(), () -> read.errorMessages().toString());
        assertEquals(List.of(
                "spec.type 'github' is not supported by Sluice yet: events for this Provider are not sent (Sluice"
                        + " sends to type generic only)",
                "spec.secretRef is not supported by Sluice yet, ignored: no address, token or headers are read from"
                        + " it",
                "spec.certSecretRef is not supported by Sluice yet, ignored: the system's trusted certificates are"
                        + " used",
                "spec.proxySecretRef is not supported by Sluice yet, ignored: events are sent without a proxy",
                "spec.serviceAccountName is not supported by Sluice yet, ignored",
                "spec.commitStatusExpr is not supported by Sluice yet, ignored"),
                read.warnings().stream().map(Object::toString).toList());
        assertEquals("flux", read.value().spec().username());
    }

    private static List<String> errors(String fields) {
        return Documents.errors(Provider.KIND, document(fields));
    }

    private static String document(String fields) {
        return """
                apiVersion: notification.toolkit.fluxcd.io/v1beta3
                kind: Provider
                metadata: {name: hooks, namespace: flux-system}
                spec:
                """ + (fields.isEmpty() ? "  {}\n" : fields.indent(2));
    }
}
