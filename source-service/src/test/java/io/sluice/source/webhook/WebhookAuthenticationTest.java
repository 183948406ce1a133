package io.sluice.source.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How each receiver type decides that a request holds the token, with the hosts' own published examples. */
class WebhookAuthenticationTest {
    // GitHub's documented example: this secret and body give this X-Hub-Signature-256.
    private static final byte[] GITHUB_SECRET = "It's a Secret to Everybody".getBytes(StandardCharsets.UTF_8);
    private static final String GITHUB_BODY = "Hello, World!";
    private static final String GITHUB_SIGNATURE =
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    @Test
    void theWebhookPathIsFluxsSha256OfTokenNameAndNamespace() {
        // echo -n "s3cr3t-tokengithub-receiverflux-system" | sha256sum
        assertEquals("d186a226f9f47d7dad4311db516a3bc49a189ec30a9f837eaf0d9c7f4cd4b12d",
                WebhookPath.digest("s3cr3t-token", "github-receiver", "flux-system"));
    }

    @Test
    void githubChecksXHubSignature256() {
        assertEquals(Optional.empty(), github(Map.of("x-hub-signature-256", GITHUB_SIGNATURE)), "any header case");
        assertEquals(Optional.of("X-Hub-Signature-256 does not match the body signed with the token"),
                github(Map.of("X-Hub-Signature-256", GITHUB_SIGNATURE.replace("e17", "e18"))));
        assertEquals(Optional.of("X-Hub-Signature is missing"), github(Map.of()));
        assertEquals(Optional.of("X-Hub-Signature-256 is not hexadecimal after '='"),
                github(Map.of("X-Hub-Signature-256", "sha256=zz")));
        assertTrue(github(Map.of("X-Hub-Signature-256", "md5=00")).orElseThrow().startsWith(
                "X-Hub-Signature-256 must be sha1=, sha256= or sha512="));
    }

    @Test
    void githubFallsBackToXHubSignatureOnlyWhenTheSha256HeaderIsAbsent() {
        String sha1 = "sha1=" + hex("HmacSHA1", GITHUB_SECRET, GITHUB_BODY);
        assertEquals(Optional.empty(), github(Map.of("X-Hub-Signature", sha1)), "as Flux (go-github) accepts it");
        assertFalse(github(Map.of("X-Hub-Signature-256", "sha256=00", "X-Hub-Signature", sha1)).isEmpty(),
                "a wrong sha256 is not rescued by a right sha1");
    }

    @Test
    void bitbucketSignsLikeGithubInXHubSignature() {
        String sha256 = "sha256=" + hex("HmacSHA256", GITHUB_SECRET, GITHUB_BODY);
        assertEquals(Optional.empty(), HookType.BITBUCKET.authenticate(request(Map.of("X-Hub-Signature", sha256)),
                GITHUB_SECRET));
    }

    @Test
    void gitlabComparesTheTokenItself() {
        byte[] token = "gl-token".getBytes(StandardCharsets.UTF_8);
        assertEquals(Optional.empty(), HookType.GITLAB.authenticate(request(Map.of("X-Gitlab-Token", "gl-token")), token));
        assertEquals(Optional.of("X-Gitlab-Token does not match the token"),
                HookType.GITLAB.authenticate(request(Map.of("X-Gitlab-Token", "gl-token2")), token));
        assertEquals(Optional.of("X-Gitlab-Token is missing"), HookType.GITLAB.authenticate(request(Map.of()), token));
    }

    @Test
    void genericHmacTakesAnyOfFluxsHashesInXSignature() {
        for (String[] hash : new String[][] {{"sha1", "HmacSHA1"}, {"sha256", "HmacSHA256"}, {"sha512", "HmacSHA512"}}) {
            String signature = hash[0] + "=" + hex(hash[1], GITHUB_SECRET, GITHUB_BODY);
            assertEquals(Optional.empty(), HookType.GENERIC_HMAC.authenticate(
                    request(Map.of("X-Signature", signature)), GITHUB_SECRET), hash[0]);
        }
        assertEquals(Optional.of("X-Signature is missing"),
                HookType.GENERIC_HMAC.authenticate(request(Map.of("X-Hub-Signature-256", GITHUB_SIGNATURE)), GITHUB_SECRET));
        assertEquals(Optional.empty(), HookType.GENERIC.authenticate(request(Map.of()), GITHUB_SECRET),
                "generic: the secret path is the only proof");
    }

    private static Optional<String> github(Map<String, String> headers) {
        return HookType.GITHUB.authenticate(request(headers), GITHUB_SECRET);
    }

    private static WebhookRequest request(Map<String, String> headers) {
        return new WebhookRequest(headers, GITHUB_BODY.getBytes(StandardCharsets.UTF_8));
    }

    /** An HMAC computed by the JDK directly, as a sender would. */
    private static String hex(String algorithm, byte[] key, String body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance(algorithm);
            mac.init(new javax.crypto.spec.SecretKeySpec(key, algorithm));
            return java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
