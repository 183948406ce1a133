package io.sluice.render.reconcile;

import io.sluice.events.Json;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** "sha256:<hex>" of a value's canonical JSON (map keys sorted), so equal content gives an equal digest. */
public final class CanonicalDigest {
    public static String of(Object value) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(Json.canonical(value)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    private CanonicalDigest() {
    }
}
