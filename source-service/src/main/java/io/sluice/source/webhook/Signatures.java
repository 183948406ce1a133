package io.sluice.source.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that a webhook request comes from the holder of a token, the ways Git hosts prove it.
 * Every comparison takes the same time whatever the bytes, and no message quotes the token or the
 * expected signature.
 */
final class Signatures {
    /** The hash names Flux accepts before the '=' of a signature header, with their JCA HMAC names. */
    private static final Map<String, String> HMACS = Map.of(
            "sha1", "HmacSHA1",
            "sha256", "HmacSHA256",
            "sha512", "HmacSHA512");
    static final String HUB_SIGNATURE_256 = "X-Hub-Signature-256";
    static final String HUB_SIGNATURE = "X-Hub-Signature";

    /**
     * GitHub's signature (and Bitbucket's, which uses the same header), checked as Flux checks it:
     * {@code X-Hub-Signature-256}, or {@code X-Hub-Signature} when a sender only sends that one.
     */
    static Optional<String> hubSignature(WebhookRequest request, byte[] token) {
        String sha256 = request.header(HUB_SIGNATURE_256);
        if (sha256 != null) {
            return hmac(HUB_SIGNATURE_256, sha256, request.body(), token);
        }
        return hmac(HUB_SIGNATURE, request.header(HUB_SIGNATURE), request.body(), token);
    }

    /** A header {@code <sha1|sha256|sha512>=<hex HMAC of the body keyed with the token>}. */
    static Optional<String> hmac(String header, String signature, byte[] body, byte[] token) {
        if (signature == null || signature.isBlank()) {
            return Optional.of(header + " is missing");
        }
        int equals = signature.indexOf('=');
        String algorithm = equals < 0 ? null : HMACS.get(signature.substring(0, equals));
        if (algorithm == null) {
            return Optional.of(header + " must be sha1=, sha256= or sha512= followed by the hex HMAC of the body");
        }
        byte[] received;
        try {
            received = HexFormat.of().parseHex(signature.substring(equals + 1).trim());
        } catch (IllegalArgumentException e) {
            return Optional.of(header + " is not hexadecimal after '='");
        }
        return MessageDigest.isEqual(received, mac(algorithm, token, body)) ? Optional.empty()
                : Optional.of(header + " does not match the body signed with the token");
    }

    /** A header that carries the token itself (GitLab's X-Gitlab-Token). */
    static Optional<String> sameToken(String header, String received, byte[] token) {
        if (received == null || received.isEmpty()) {
            return Optional.of(header + " is missing");
        }
        // The received value goes first: isEqual's time then depends only on what the caller sent.
        return MessageDigest.isEqual(received.getBytes(StandardCharsets.UTF_8), token) ? Optional.empty()
                : Optional.of(header + " does not match the token");
    }

    private static byte[] mac(String algorithm, byte[] key, byte[] body) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM has no " + algorithm, e);
        }
    }

    private Signatures() {
    }
}
