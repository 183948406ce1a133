package io.sluice.source.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    void namesEachProblemByFileAndFieldAndKeepsTheFirstOfTwoDefinitions() throws IOException {
        write("a.yaml", PROVIDER);
        write("b.yaml", PROVIDER + "---\n- a list\n---\nkind: Provider\napiVersion: notification.toolkit.fluxcd.io/v1\n");
        write("dup-key.yaml", "apiVersion: v1\nkind: Provider\nkind: Alert\n");
        write(".github/workflows/ci.yaml", "on: push\n");
        write("notes.txt", "not configuration");

        ConfigScan scan = new ConfigScanner(List.of(folder)).scan();

        assertEquals(List.of("notification.toolkit.fluxcd.io/Provider/default/slack"), List.copyOf(scan.documents().keySet()));
        assertEquals("a.yaml", scan.documents().values().iterator().next().origin());
        List<String> problems = scan.problems().stream().map(ConfigProblem::message).toList();
        assertEquals(List.of(
                "b.yaml: Provider default/slack: also defined in a.yaml, which is kept",
                "b.yaml: document 2 is not a mapping",
                "b.yaml: document 3: metadata.name is required"), problems.subList(0, 3));
        assertTrue(problems.get(3).startsWith("dup-key.yaml: invalid YAML at line 3"), problems.get(3));
        assertTrue(problems.get(3).contains("Duplicate field 'kind'"), problems.get(3));
        assertEquals(4, problems.size(), "hidden folders and other files are not read: " + problems);
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
        assertEquals(List.of("receivers.yaml: Receiver flux-system/no-secret: spec.secretRef.name is required",
                "receivers.yaml: Receiver flux-system/no-secret: spec.resources[0].name is required"),
                scan.problems().stream().map(ConfigProblem::message).toList());
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
