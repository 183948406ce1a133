package io.sluice.image.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.sluice.api.image.ImageName;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the real registry of the other tests cannot show: tag lists in pages linked by {@code Link}
 * headers (docker-registry 2.8 answers every tag at once whatever {@code n} asks), and Docker Hub's
 * shape of the token login: an anonymous pull token, its challenge's scope, a token under
 * {@code access_token} only.
 */
class RegistryClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private WireMockServer registry;
    private final RegistryClient client = new RegistryClient();

    @BeforeEach
    void start() {
        registry = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        registry.start();
    }

    @AfterEach
    void stop() {
        registry.stop();
    }

    private RepositoryAccess access(String repository) {
        return RepositoryAccess.anonymous(ImageName.parse("127.0.0.1:" + registry.port() + "/" + repository), true,
                TIMEOUT);
    }

    @Test
    void theTagsOfEveryLinkedPageAreListed() throws Exception {
        registry.stubFor(get(urlEqualTo("/v2/apps/web/tags/list")).willReturn(okJson(
                "{\"name\":\"apps/web\",\"tags\":[\"1.0.0\",\"1.1.0\"]}")
                .withHeader("Link", "</v2/apps/web/tags/list?last=1.1.0&n=2>; rel=\"next\"")));
        // An absolute URL, and a Link with other relations around it.
        registry.stubFor(get(urlEqualTo("/v2/apps/web/tags/list?last=1.1.0&n=2")).willReturn(okJson(
                "{\"name\":\"apps/web\",\"tags\":[\"2.0.0\",\"2.1.0\"]}")
                .withHeader("Link", "<http://127.0.0.1:" + registry.port() + "/v2/apps/web/tags/list?n=2&last=2.1.0>;"
                        + " rel=\"prev\", <http://127.0.0.1:" + registry.port()
                        + "/v2/apps/web/tags/list?last=2.1.0&n=2>; rel=next")));
        registry.stubFor(get(urlEqualTo("/v2/apps/web/tags/list?last=2.1.0&n=2")).willReturn(okJson(
                "{\"name\":\"apps/web\",\"tags\":[\"3.0.0\"]}")));

        assertEquals(List.of("1.0.0", "1.1.0", "2.0.0", "2.1.0", "3.0.0"), client.tags(access("apps/web")));
    }

    @Test
    void pagesThatLinkBackAreAFailureNotALoop() {
        registry.stubFor(get(urlPathEqualTo("/v2/apps/web/tags/list")).willReturn(okJson("{\"tags\":[\"1.0.0\"]}")
                .withHeader("Link", "</v2/apps/web/tags/list>; rel=\"next\"")));

        RegistryException loop = assertThrows(RegistryException.class, () -> client.tags(access("apps/web")));
        assertTrue(loop.getMessage().endsWith("the registry's Link header names a page read before (after 1 pages)"), loop.getMessage());
    }

    @Test
    void dockerHubsAnonymousTokenLogin() throws Exception {
        String realm = "http://127.0.0.1:" + registry.port() + "/token";
        String challenge = "Bearer realm=\"" + realm + "\",service=\"registry.docker.io\","
                + "scope=\"repository:library/nginx:pull\"";
        registry.stubFor(get(urlEqualTo("/v2/library/nginx/tags/list")).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", challenge)
                .withBody("{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}")));
        registry.stubFor(get(urlEqualTo("/v2/library/nginx/tags/list")).withHeader("Authorization",
                equalTo("Bearer anonymous-pull")).willReturn(okJson("{\"tags\":[\"1.27\",\"latest\"]}")));
        registry.stubFor(get(urlPathEqualTo("/token")).willReturn(okJson(
                "{\"access_token\":\"anonymous-pull\",\"expires_in\":300}")));

        assertEquals(List.of("1.27", "latest"), client.tags(access("library/nginx")));
        registry.verify(getRequestedFor(urlEqualTo("/token?scope=repository%3Alibrary%2Fnginx%3Apull"
                + "&service=registry.docker.io")));
        assertFalse(registry.findAll(getRequestedFor(urlPathEqualTo("/token"))).get(0).containsHeader("Authorization"),
                "no login is sent when there are no credentials");
    }

    @Test
    void aManifestDigestIsTheRegistrysOrThatOfTheManifestRead() throws Exception {
        registry.stubFor(head(urlEqualTo("/v2/apps/web/manifests/1.0.0")).willReturn(aResponse().withStatus(200)
                .withHeader("Docker-Content-Digest", "sha256:abc")));
        assertEquals("sha256:abc", client.digest(access("apps/web"), "1.0.0"));

        registry.stubFor(head(urlEqualTo("/v2/apps/web/manifests/2.0.0")).willReturn(aResponse().withStatus(200)));
        registry.stubFor(get(urlEqualTo("/v2/apps/web/manifests/2.0.0")).willReturn(aResponse().withStatus(200)
                .withBody("{}")));
        assertEquals("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
                client.digest(access("apps/web"), "2.0.0"));

        registry.stubFor(head(urlEqualTo("/v2/apps/web/manifests/9.9.9")).willReturn(aResponse().withStatus(404)));
        RegistryException missing = assertThrows(RegistryException.class,
                () -> client.digest(access("apps/web"), "9.9.9"));
        assertTrue(missing.getMessage().endsWith("HTTP 404: no tag 9.9.9 in 127.0.0.1:" + registry.port()
                + "/apps/web"), missing.getMessage());
    }
}
