package io.sluice.image.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.image.ImageName;
import io.sluice.events.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which login of a docker config Secret a repository gets, as Flux chooses it: the cases of
 * pkg/authn/kubernetes/keychain_test.go (google/go-containerregistry, commit 3f4ff3c, after v0.21.9;
 * the keychain image-reflector-controller builds from spec.secretRef): TestAuthWithScheme,
 * TestAuthWithPorts, TestAuthPathMatching, TestAuthHostNameVariations, TestAuthSpecialPathsIgnored,
 * TestAuthDockerRegistry, TestAuthWithGlobs, TestDockerConfigJSON, plus Docker Hub's other names.
 */
class DockerConfigKeyringTest {
    private static final String SOURCE = "secret flux-system/login";

    @Test
    void aKeyWithASchemeMatchesItsHost() {
        DockerConfigKeyring keyring = keyring(Map.of("https://fake.registry.io", login("username", "password")));
        assertEquals("username", user(keyring, "fake.registry.io/repo"));
    }

    @Test
    void portsMustBeTheSame() {
        DockerConfigKeyring keyring = keyring(Map.of("fake.registry.io:5000", login("username", "password")));
        assertEquals("username", user(keyring, "fake.registry.io:5000/repo"));
        assertEquals(null, user(keyring, "fake.registry.io:1000/repo"));
        assertEquals(null, user(keyring, "fake.registry.io/repo"));
    }

    @Test
    void theLongestMatchingPathWins() {
        DockerConfigKeyring keyring = keyring(ordered(
                "fake.registry.io", login("root", "root"),
                "fake.registry.io/nested", login("nested", "nested"),
                "fake.registry.io/nested/repo", login("leaf", "leaf"),
                "fake.registry.io/par", login("partial", "partial")));
        assertEquals("root", user(keyring, "fake.registry.io/other"));
        assertEquals("nested", user(keyring, "fake.registry.io/nested"));
        assertEquals("leaf", user(keyring, "fake.registry.io/nested/repo"));
        assertEquals("leaf", user(keyring, "fake.registry.io/nested/repo/dirt"));
        // A key's path is a prefix of the repository's, not a path segment.
        assertEquals("partial", user(keyring, "fake.registry.io/partial"));
    }

    @Test
    void aSubdomainIsAnotherHost() {
        DockerConfigKeyring keyring = keyring(ordered(
                "fake.registry.io", login("root", "root"),
                "1.fake.registry.io", login("sub", "sub")));
        assertEquals("root", user(keyring, "fake.registry.io/repo"));
        assertEquals("sub", user(keyring, "1.fake.registry.io/repo"));
        assertEquals(null, user(keyring, "2.fake.registry.io/repo"));
    }

    @Test
    void v1AndV2PathsCountAsTheHost() {
        DockerConfigKeyring keyring = keyring(ordered(
                "https://fake.registry.io/v1/", login("root", "root"),
                "https://fake2.registry.io/v2/", login("root2", "root2")));
        assertEquals("root", user(keyring, "fake.registry.io/repo"));
        assertEquals("root2", user(keyring, "fake2.registry.io/repo"));
    }

    @Test
    void dockerHubRepositoriesMatchItsKeys() {
        for (String key : new String[] {"index.docker.io", "https://index.docker.io/v1/", "docker.io",
                "registry-1.docker.io", "https://registry-1.docker.io/v2/"}) {
            DockerConfigKeyring keyring = keyring(Map.of(key, login("root", "root")));
            assertEquals("root", user(keyring, "ubuntu"), key);
            assertEquals("root", user(keyring, "knative/serving"), key);
            assertEquals("root", user(keyring, "docker.io/library/nginx"), key);
            assertEquals(null, user(keyring, "ghcr.io/knative/serving"), key);
        }
    }

    @Test
    void aGlobMatchesOneHostLabel() {
        DockerConfigKeyring keyring = keyring(Map.of("*.registry.io", login("root", "root")));
        assertEquals("root", user(keyring, "fake.registry.io/repo"));
        assertEquals("root", user(keyring, "blah.registry.io/repo"));
        assertEquals(null, user(keyring, "a.b.registry.io/repo"));
    }

    @Test
    void authWinsOverUsernameAndPasswordAndMayBeUnpadded() {
        String auth = Base64.getEncoder().encodeToString("foo:bar".getBytes(StandardCharsets.UTF_8));
        DockerConfigKeyring keyring = keyring(Map.of("fake.registry.io",
                Map.of("username", "other", "password", "other", "auth", auth)));
        Credentials found = keyring.lookup(ImageName.parse("fake.registry.io/repo")).orElseThrow();
        assertEquals("foo", found.username());
        assertEquals("bar", found.password());
        String unpadded = Base64.getEncoder().withoutPadding().encodeToString("ab:c:d".getBytes(StandardCharsets.UTF_8));
        Credentials colon = keyring(Map.of("r.io", Map.of("auth", unpadded))).lookup(ImageName.parse("r.io/x"))
                .orElseThrow();
        assertEquals("ab", colon.username());
        assertEquals("c:d", colon.password(), "the password is what follows the first colon");
    }

    @Test
    void theOlderDockercfgHasTheLoginsAtItsTop() throws Exception {
        DockerConfigKeyring keyring = DockerConfigKeyring.parse(Json.MAPPER.writeValueAsString(
                Map.of("fake.registry.io", login("old", "old"))), ".dockercfg", SOURCE);
        assertEquals("old", user(keyring, "fake.registry.io/repo"));
    }

    @Test
    void aBrokenConfigIsNamedWithoutItsValues() {
        var notJson = assertThrows(IllegalArgumentException.class,
                () -> DockerConfigKeyring.parse("{s3cret", ".dockerconfigjson", SOURCE));
        assertEquals("secret flux-system/login key .dockerconfigjson is not JSON", notJson.getMessage());
        var noAuths = assertThrows(IllegalArgumentException.class,
                () -> DockerConfigKeyring.parse("{}", ".dockerconfigjson", SOURCE));
        assertEquals("secret flux-system/login key .dockerconfigjson has no \"auths\" object", noAuths.getMessage());
        var badAuth = assertThrows(IllegalArgumentException.class, () -> keyring(Map.of("r.io",
                Map.of("auth", Base64.getEncoder().encodeToString("s3cret".getBytes(StandardCharsets.UTF_8))))));
        assertEquals("secret flux-system/login key .dockerconfigjson: auths.r.io.auth is not base64 of user:password",
                badAuth.getMessage());
        assertFalse(badAuth.getMessage().contains("s3cret"));
        var nothing = assertThrows(IllegalArgumentException.class, () -> keyring(Map.of("r.io", Map.of())));
        assertTrue(nothing.getMessage().endsWith("auths.r.io has neither auth nor username and password"));
    }

    @Test
    void credentialsNeverShowThePassword() {
        Credentials credentials = new Credentials("alice", "s3cret", SOURCE);
        assertEquals("user 'alice' of secret flux-system/login (password hidden)", credentials.toString());
    }

    private static Map<String, String> login(String username, String password) {
        return Map.of("username", username, "password", password);
    }

    private static Map<String, Map<String, String>> ordered(Object... keysAndLogins) {
        Map<String, Map<String, String>> auths = new LinkedHashMap<>();
        for (int i = 0; i < keysAndLogins.length; i += 2) {
            @SuppressWarnings("unchecked")
            Map<String, String> login = (Map<String, String>) keysAndLogins[i + 1];
            auths.put((String) keysAndLogins[i], login);
        }
        return auths;
    }

    private static DockerConfigKeyring keyring(Map<String, Map<String, String>> auths) {
        try {
            return DockerConfigKeyring.parse(Json.MAPPER.writeValueAsString(Map.of("auths", auths)),
                    ".dockerconfigjson", SOURCE);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String user(DockerConfigKeyring keyring, String image) {
        Optional<Credentials> found = keyring.lookup(ImageName.parse(image));
        return found.map(Credentials::username).orElse(null);
    }
}
