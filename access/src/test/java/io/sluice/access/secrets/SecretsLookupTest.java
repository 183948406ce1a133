package io.sluice.access.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsLookupTest {
    @TempDir
    Path dir;

    @Test
    void readsTheKeysOfASecretFolderWithoutShowingValues() throws Exception {
        Path secret = Files.createDirectories(dir.resolve("flux-system/github-token"));
        Files.writeString(secret.resolve("username"), "git\n");
        Files.writeString(secret.resolve("password"), "s3cr3t-value");
        Secret found = new SecretsLookup(Optional.of(dir.toString())).get("flux-system", "github-token");
        assertEquals("git", found.require("username"));
        assertEquals("s3cr3t-value", found.require("password"));
        assertFalse(found.toString().contains("s3cr3t-value"), found.toString());
        var missingKey = assertThrows(SecretNotFoundException.class, () -> found.require("token"));
        assertTrue(missingKey.getMessage().contains("'token'") && !missingKey.getMessage().contains("s3cr3t"));
    }

    @Test
    void aKeyMayStartWithADotAsADockerConfigSecretsDoesButKubernetesMountLinksAreNoKeys() throws Exception {
        Path secret = Files.createDirectories(dir.resolve("flux-system/registry-login"));
        Path timestamped = Files.createDirectories(secret.resolve("..2026_01_01_00_00_00.000000001"));
        Files.writeString(timestamped.resolve(".dockerconfigjson"), "{\"auths\":{}}");
        Files.createSymbolicLink(secret.resolve("..data"), timestamped.getFileName());
        Files.createSymbolicLink(secret.resolve(".dockerconfigjson"), Path.of("..data/.dockerconfigjson"));
        Files.writeString(secret.resolve("..mount-note"), "not a key");

        Secret found = new SecretsLookup(Optional.of(dir.toString())).get("flux-system", "registry-login");
        assertEquals(Set.of(".dockerconfigjson"), found.keys());
        assertEquals("{\"auths\":{}}", found.require(".dockerconfigjson"));
    }

    @Test
    void aMissingSecretOrDirectoryIsNamed() {
        var missing = assertThrows(SecretNotFoundException.class,
                () -> new SecretsLookup(Optional.of(dir.toString())).get("flux-system", "nope"));
        assertTrue(missing.getMessage().contains("flux-system/nope"), missing.getMessage());
        var none = assertThrows(SecretNotFoundException.class,
                () -> new SecretsLookup(Optional.empty()).get("flux-system", "nope"));
        assertTrue(none.getMessage().contains("sluice.secrets-dir"), none.getMessage());
    }

    @Test
    void aReferenceCannotLeaveTheDirectory() {
        var lookup = new SecretsLookup(Optional.of(dir.toString()));
        assertThrows(SecretNotFoundException.class, () -> lookup.get("..", "etc"));
        assertThrows(SecretNotFoundException.class, () -> lookup.get("flux-system", "../../etc"));
    }
}
