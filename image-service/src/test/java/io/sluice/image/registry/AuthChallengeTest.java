package io.sluice.image.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** WWW-Authenticate headers as registries send them (Docker Hub, GHCR, Quay, distribution with htpasswd). */
class AuthChallengeTest {

    @Test
    void dockerHubsBearerChallenge() {
        assertEquals(List.of(new AuthChallenge("bearer", Map.of("realm", "https://auth.docker.io/token",
                        "service", "registry.docker.io", "scope", "repository:library/nginx:pull"))),
                AuthChallenge.parse("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                        + "scope=\"repository:library/nginx:pull\""));
    }

    @Test
    void parametersInAnyOrderWithSpacesUnquotedOrEscaped() {
        AuthChallenge challenge = AuthChallenge.parse("bearer service = quay.io , realm=\"https://quay.io/v2/auth\","
                + " error=\"say \\\"no\\\"\"").get(0);
        assertEquals("bearer", challenge.scheme());
        assertEquals("https://quay.io/v2/auth", challenge.parameter("Realm"));
        assertEquals("quay.io", challenge.parameter("service"));
        assertEquals("say \"no\"", challenge.parameter("error"));
    }

    @Test
    void severalChallengesInOneHeader() {
        assertEquals(List.of(new AuthChallenge("basic", Map.of("realm", "Registry Realm")),
                        new AuthChallenge("bearer", Map.of("realm", "https://ghcr.io/token", "service", "ghcr.io"))),
                AuthChallenge.parse("Basic realm=\"Registry Realm\", Bearer realm=\"https://ghcr.io/token\","
                        + "service=\"ghcr.io\""));
        assertEquals(List.of(new AuthChallenge("negotiate", Map.of()), new AuthChallenge("basic", Map.of())),
                AuthChallenge.parse("Negotiate, Basic"));
        assertEquals(List.of(), AuthChallenge.parse(null));
    }
}
