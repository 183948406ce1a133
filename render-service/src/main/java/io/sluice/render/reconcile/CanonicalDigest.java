package io.sluice.render.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sluice.events.Json;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** "sha256:<hex>" of a value's canonical JSON (map keys sorted), so equal content gives an equal digest. */
final class CanonicalDigest {
    private static final ObjectMapper CANONICAL = Json.MAPPER.copy()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    static String of(Object value) {
        try {
            byte[] json = CANONICAL.writeValueAsBytes(value);
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write canonical JSON: " + e.getOriginalMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    private CanonicalDigest() {
    }
}
