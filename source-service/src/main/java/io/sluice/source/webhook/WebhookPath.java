package io.sluice.source.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Receiver's webhook path exactly as Flux's notification-controller computes it:
 * {@code /hook/} + hex sha256 of token + name + namespace, concatenated in that order. The path is
 * as secret as the token (for a generic Receiver it is the only proof), so it never goes in a log
 * line or an event; only {@code GET /api/receivers} shows it.
 */
final class WebhookPath {
    static final String PREFIX = "/hook/";

    static String digest(String token, String name, String namespace) {
        try {
            byte[] sum = MessageDigest.getInstance("SHA-256")
                    .digest((token + name + namespace).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sum);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    private WebhookPath() {
    }
}
