package io.sluice.events.seal;

import io.sluice.api.ObjectRef;
import io.sluice.events.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals the Secrets of a bundle before it reaches Kafka, and opens them where they are applied.
 * A sealed Secret keeps apiVersion, kind, namespace and name in clear (apply order and inventory
 * need them) and carries the whole document AES-256-GCM encrypted under a fresh 96-bit nonce, with
 * the application id and the object id as associated data, so a ciphertext moved to another
 * object or application does not open. Other objects pass through unchanged.
 */
public final class SecretSeal {
    public static final String SEALED_FIELD = "sealed";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final BundleKeys keys;

    public SecretSeal(BundleKeys keys) {
        this.keys = keys;
    }

    public static boolean isSecret(Map<String, Object> object) {
        return "v1".equals(object.get("apiVersion")) && "Secret".equals(object.get("kind"));
    }

    public static boolean hasSecrets(List<Map<String, Object>> objects) {
        return objects.stream().anyMatch(SecretSeal::isSecret);
    }

    /** Whether Secrets can be sealed here: a current key is configured. */
    public boolean canSeal() {
        return keys.current() != null;
    }

    /** The objects with every Secret sealed under the current key. */
    public List<Map<String, Object>> seal(String appId, List<Map<String, Object>> objects) {
        return replaceSecrets(objects, secret -> {
            BundleKey key = requireCurrent();
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, key, nonce, associatedData(appId, secret))
                    .doFinal(Json.canonical(secret));
            Map<String, Object> box = new LinkedHashMap<>();
            box.put("keyId", key.id());
            box.put("nonce", Base64.getEncoder().encodeToString(nonce));
            box.put("ciphertext", Base64.getEncoder().encodeToString(sealed));
            return clearPart(secret, box);
        });
    }

    /**
     * The objects with every sealed Secret opened; objects that are not sealed pass through.
     *
     * @throws SealException naming the application, the Secret and the key id when a Secret was sealed
     *     with a key this service does not hold, or does not open (tampered with, or moved)
     */
    public List<Map<String, Object>> open(String appId, List<Map<String, Object>> objects) {
        return replaceSecrets(objects, object -> {
            if (!(object.get(SEALED_FIELD) instanceof Map<?, ?> box)) {
                return object;
            }
            String what = appId + ": " + ref(object).display();
            String keyId = String.valueOf(box.get("keyId"));
            BundleKey key = keys.find(keyId);
            if (key == null) {
                throw new SealException(what + " is sealed with bundle key " + keyId + ", which this service does not"
                        + " hold (it holds " + keys.ids() + "): set that key in " + BundleKeys.KEY_PROPERTY + ", "
                        + BundleKeys.KEY_FILE_PROPERTY + " or " + BundleKeys.PREVIOUS_PROPERTY);
            }
            byte[] nonce = decode(box.get("nonce"), what);
            if (nonce.length != NONCE_BYTES) {
                throw new SealException(what + " is not a valid sealed Secret: its nonce has " + nonce.length
                        + " bytes, not " + NONCE_BYTES);
            }
            byte[] plain;
            try {
                plain = cipher(Cipher.DECRYPT_MODE, key, nonce, associatedData(appId, object))
                        .doFinal(decode(box.get("ciphertext"), what));
            } catch (AEADBadTagException e) {
                throw new SealException(what + " does not open with bundle key " + keyId
                        + ": altered, or sealed for another object or application");
            } catch (GeneralSecurityException e) {
                throw new SealException(what + " does not open: " + e.getClass().getSimpleName());
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> secret = Json.read(new String(plain, StandardCharsets.UTF_8), Map.class);
            return secret;
        });
    }

    /**
     * What the bundle digest is computed over: the objects, with each Secret replaced by its clear
     * part and a keyed MAC of its document. Deterministic, unlike the sealed form, so an unchanged
     * render keeps its digest; keyed, so the digest cannot be used to guess a Secret's value.
     */
    public List<Map<String, Object>> digestForm(String appId, List<Map<String, Object>> objects) {
        return replaceSecrets(objects, secret -> {
            BundleKey key = requireCurrent();
            byte[] mac = key.mac((appId + "\n" + ref(secret).id() + "\n"
                    + new String(Json.canonical(secret), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
            return clearPart(secret, Map.of("keyId", key.id(), "mac", HexFormat.of().formatHex(mac)));
        });
    }

    private interface SecretStep {
        Map<String, Object> apply(Map<String, Object> secret) throws GeneralSecurityException;
    }

    private static List<Map<String, Object>> replaceSecrets(List<Map<String, Object>> objects, SecretStep step) {
        List<Map<String, Object>> result = new ArrayList<>(objects.size());
        for (Map<String, Object> object : objects) {
            try {
                result.add(isSecret(object) ? step.apply(object) : object);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM failed: " + e.getClass().getSimpleName(), e);
            }
        }
        return result;
    }

    private BundleKey requireCurrent() {
        if (keys.current() == null) {
            throw new IllegalStateException("no bundle key configured (" + BundleKeys.KEY_PROPERTY + " or "
                    + BundleKeys.KEY_FILE_PROPERTY + "): Secrets are never published in clear");
        }
        return keys.current();
    }

    /** apiVersion, kind, and metadata namespace and name: all a sealed Secret shows. */
    private static Map<String, Object> clearPart(Map<String, Object> secret, Map<String, Object> box) {
        ObjectRef ref = ref(secret);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", ref.name());
        if (ref.namespace() != null) {
            metadata.put("namespace", ref.namespace());
        }
        Map<String, Object> clear = new LinkedHashMap<>();
        clear.put("apiVersion", ref.apiVersion());
        clear.put("kind", ref.kind());
        clear.put("metadata", metadata);
        clear.put(SEALED_FIELD, box);
        return clear;
    }

    private static ObjectRef ref(Map<String, Object> object) {
        Object metadata = object.get("metadata");
        Map<?, ?> meta = metadata instanceof Map<?, ?> m ? m : Map.of();
        Object namespace = meta.get("namespace");
        return new ObjectRef(String.valueOf(object.get("apiVersion")), String.valueOf(object.get("kind")),
                namespace == null ? null : namespace.toString(), String.valueOf(meta.get("name")));
    }

    private static byte[] associatedData(String appId, Map<String, Object> object) {
        return (appId + "\n" + ref(object).id()).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] decode(Object base64, String what) {
        try {
            return Base64.getDecoder().decode(String.valueOf(base64));
        } catch (IllegalArgumentException e) {
            throw new SealException(what + " is not a valid sealed Secret: nonce or ciphertext is not base64");
        }
    }

    private static Cipher cipher(int mode, BundleKey key, byte[] nonce, byte[] associated)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key.encryption(), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(associated);
        return cipher;
    }
}
