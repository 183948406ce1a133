package io.sluice.events.seal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One 256-bit bundle key. Its id is derived from the key (a truncated HMAC, which tells nothing of
 * the key), so an id can never be paired with the wrong key. Separate subkeys encrypt Secrets and
 * key their digests: one key is never used for two purposes.
 */
public final class BundleKey {
    public static final int LENGTH = 32;

    private final String id;
    private final SecretKey encryption;
    private final SecretKey digest;

    BundleKey(byte[] key) {
        if (key.length != LENGTH) {
            throw new IllegalArgumentException("a bundle key has " + LENGTH + " bytes, not " + key.length);
        }
        this.id = HexFormat.of().formatHex(derive(key, "sluice bundle key id v1"), 0, 4);
        this.encryption = new SecretKeySpec(derive(key, "sluice bundle encryption v1"), "AES");
        this.digest = new SecretKeySpec(derive(key, "sluice bundle digest v1"), "HmacSHA256");
    }

    /** Names the key in sealed Secrets and in errors; safe to show. */
    public String id() {
        return id;
    }

    SecretKey encryption() {
        return encryption;
    }

    /** HMAC-SHA256 of {@code data} under the digest subkey. */
    byte[] mac(byte[] data) {
        return hmac(digest, data);
    }

    private static byte[] derive(byte[] key, String purpose) {
        return hmac(new SecretKeySpec(key, "HmacSHA256"), purpose.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(SecretKey key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM has no HmacSHA256", e);
        }
    }

    @Override
    public String toString() {
        return "bundle key " + id;
    }
}
