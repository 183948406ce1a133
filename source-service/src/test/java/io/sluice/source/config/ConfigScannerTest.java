package io.sluice.source.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.ObjectRef;
import io.sluice.events.ConfigProblems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigScannerTest {
    private static final String PROVIDER = """
            apiVersion: notification.toolkit.fluxcd.io/v1beta3
            kind: Provider
            metadata:
              name: slack
            spec:
              type: slack
            """;

    @TempDir
    Path folder;

    @Test
    void namesEachProblemByFileLineAndFieldAndKeepsTheFirstOfTwoDefinitions() throws IOException {
        write("a.yaml", PROVIDER);
        write("b.yaml", PROVIDER + "---\n- a list\n---\nkind: Provider\napiVersion: notification.toolkit.fluxcd.io/v1beta3\n");
        write("dup-key.yaml", "apiVersion: v1\nkind: Provider\nkind: Alert\n");
        write(".github/workflows/ci.yaml", "on: push\n");
        write("notes.txt", "not configuration");

        ConfigScan scan = new ConfigScanner(List.of(folder)).scan();

        assertEquals(List.of("notification.toolkit.fluxcd.io/Provider/default/slack"), List.copyOf(scan.documents().keySet()));
        assertEquals("a.yaml", scan.documents().values().iterator().next().origin());
        List<String> errors = scan.problems().stream().filter(ConfigProblem::isError).map(ConfigProblem::message)
                .toList();
        assertEquals(List.of(
                "b.yaml:8 (document 2) is not a mapping",
                "b.yaml:1 (document 1): Provider default/slack: also defined in a.yaml, which is kept",
                "b.yaml:10 (document 3): metadata is required",
                "b.yaml:10 (document 3): metadata.name is required",
                "b.yaml:10 (document 3): spec is required"), errors.subList(0, 5));
        assertTrue(errors.get(5).startsWith("dup-key.yaml: invalid YAML at line 3"), errors.get(5));
        assertTrue(errors.get(5).contains("Duplicate field 'kind'"), errors.get(5));
        assertEquals(6, errors.size(), "hidden folders and other files are not read: " + errors);
        assertEquals(Set.of("file:b.yaml", "file:dup-key.yaml"), scan.problems().stream().filter(ConfigProblem::isError)
                .map(ConfigProblem::key).collect(Collectors.toSet()), "what cannot be keyed by a document is its file's");
        assertEquals(List.of("a.yaml:1 (document 1): Provider default/slack: spec.type 'slack' is not supported by"
                + " Sluice yet: events for this Provider are not sent (Sluice sends to type generic only)"),
                scan.problems().stream().filter(problem -> !problem.isError() && problem.origin().equals("a.yaml"))
                        .map(ConfigProblem::message).toList(), "warnings are problems too");
    }

    @Test
    void aSecretIsSkippedAndAnInvalidDocumentKeepsItsKeyFromDeletion() throws IOException {
        write("mixed.yaml", """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: token
                  namespace: flux-system
                stringData:
                  token: do-not-publish-me
                ---
                apiVersion: notification.toolkit.fluxcd.io/v1beta3
                kind: Provider
                metadata:
                  name: broken
                spec:
                  type: carrier-pigeon
                """);

        ConfigScan scan = new ConfigScanner(List.of(folder)).scan();

        assertEquals(Map.of(), scan.documents());
        assertEquals(List.of("mixed.yaml:1 (document 1): Secret flux-system/token: skipped, secrets are never published"),
                scan.notices);
        String key = "notification.toolkit.fluxcd.io/Provider/default/broken";
        assertFalse(scan.gone(key, "mixed.yaml"), "the last valid version stays published while the file is fixed");
        ConfigProblems record = scan.records(Instant.EPOCH).get(key);
        assertEquals(new ObjectRef("notification.toolkit.fluxcd.io/v1beta3", "Provider", "default", "broken"),
                record.ref());
        assertEquals("mixed.yaml", record.origin());
        assertEquals(1, record.errors().size(), record.errors().toString());
        assertTrue(record.errors().get(0).startsWith("mixed.yaml:9 (document 2): Provider default/broken: spec.type"
                + " must be "), record.errors().get(0));
    }

    @Test
    void aReceiverNeedsFluxsRequiredFields() throws IOException {
        write("receivers.yaml", """
                apiVersion: notification.toolkit.fluxcd.io/v1
                kind: Receiver
                metadata:
                  name: github
                  namespace: flux-system
                spec:
                  type: github
                  secretRef:
                    name: webhook-token
                  resources:
                    - kind: GitRepository
                      name: flux-system
                ---
                apiVersion: notification.toolkit.fluxcd.io/v1
                kind: Receiver
                metadata:
                  name: no-secret
                  namespace: flux-system
                spec:
                  type: generic
                  resources:
                    - kind: GitRepository
                """);

        ConfigScan scan = new ConfigScanner(List.of(folder)).scan();

        assertEquals(List.of("notification.toolkit.fluxcd.io/Receiver/flux-system/github"),
                List.copyOf(scan.documents().keySet()));
        assertEquals(List.of("receivers.yaml:14 (document 2): Receiver flux-system/no-secret: spec.secretRef is required"
                + " (for every type but generic-oidc)",
                "receivers.yaml:14 (document 2): Receiver flux-system/no-secret: spec.resources[0].name is required"),
                scan.problems().stream().filter(ConfigProblem::isError).map(ConfigProblem::message).toList());
    }

    @Test
    void aMissingFolderIsAProblemAndDeletesNothing() {
        ConfigScan scan = new ConfigScanner(List.of(folder.resolve("missing"))).scan();

        assertTrue(scan.problems().get(0).message().endsWith("cannot be read: not a folder or missing"));
        assertFalse(scan.gone("any/Kind/ns/name", "file.yaml"));
    }

    private void write(String relative, String content) throws IOException {
        Path file = folder.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void anUnreadableOrMissingFolderIsNamedAndTheOtherFoldersStillLoad() throws IOException {
        write("good/provider.yaml", PROVIDER);
        Path missing = folder.resolve("no-such-folder");
        Path notAFolder = Files.writeString(folder.resolve("a-file.yaml"), "kind: Provider\n");

        ConfigScan scan = new ConfigScanner(List.of(missing, notAFolder, folder.resolve("good"))).scan();

        assertEquals(List.of("notification.toolkit.fluxcd.io/Provider/default/slack"),
                List.copyOf(scan.documents().keySet()));
        List<String> problems = scan.problems().stream().map(ConfigProblem::message).toList();
        assertTrue(problems.contains("config folder " + missing + " cannot be read: not a folder or missing"),
                problems.toString());
        assertTrue(problems.contains("config folder " + notAFolder + " cannot be read: not a folder or missing"),
                problems.toString());
    }
}
