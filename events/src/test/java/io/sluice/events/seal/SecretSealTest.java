package io.sluice.events.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.events.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretSealTest {
    private static final String APP = "kustomize.toolkit.fluxcd.io/Kustomization/flux-system/web";
    private static final String PASSWORD = "hunter2-correct-horse";
    private static final byte[] OLD = key(1);
    private static final byte[] NEW = key(2);
    private static final Map<String, Object> SECRET = Map.of("apiVersion", "v1", "kind", "Secret",
            "metadata", Map.of("name", "db", "namespace", "prod", "labels", Map.of("tier", "data")),
            "type", "Opaque", "stringData", Map.of("password", PASSWORD),
            "data", Map.of("token", base64(PASSWORD)));
    private static final Map<String, Object> CONFIG = Map.of("apiVersion", "v1", "kind", "ConfigMap",
            "metadata", Map.of("name", "settings"), "data", Map.of("mode", "fast"));
    private static final List<Map<String, Object>> OBJECTS = List.of(CONFIG, SECRET);

    @Test
    void aSealedSecretShowsOnlyItsNameAndOpensToTheSameDocument() {
        SecretSeal seal = new SecretSeal(BundleKeys.of(NEW));
        List<Map<String, Object>> sealed = seal.seal(APP, OBJECTS);

        String json = Json.write(sealed);
        assertFalse(json.contains(PASSWORD), json);
        assertFalse(json.contains(base64(PASSWORD)), json);
        assertFalse(json.contains("tier"), "labels are sealed too: " + json);
        assertEquals(CONFIG, sealed.get(0));
        assertEquals(Map.of("name", "db", "namespace", "prod"), sealed.get(1).get("metadata"));
        assertEquals(OBJECTS, seal.open(APP, sealed));
    }

    @Test
    void everySealUsesAFreshNonceButTheDigestFormStaysTheSame() {
        SecretSeal seal = new SecretSeal(BundleKeys.of(NEW));
        assertNotEquals(Json.write(seal.seal(APP, OBJECTS)), Json.write(seal.seal(APP, OBJECTS)));
        assertEquals(seal.digestForm(APP, OBJECTS), seal.digestForm(APP, OBJECTS));
        assertFalse(Json.write(seal.digestForm(APP, OBJECTS)).contains(PASSWORD));
        Map<String, Object> changed = new LinkedHashMap<>(SECRET);
        changed.put("stringData", Map.of("password", "another"));
        assertNotEquals(seal.digestForm(APP, OBJECTS), seal.digestForm(APP, List.of(CONFIG, changed)));
    }

    @Test
    void aCiphertextThatWasAlteredDoesNotOpen() {
        SecretSeal seal = new SecretSeal(BundleKeys.of(NEW));
        Map<String, Object> sealed = seal.seal(APP, List.of(SECRET)).get(0);
        Map<String, Object> box = new LinkedHashMap<>(box(sealed));
        byte[] ciphertext = Base64.getDecoder().decode((String) box.get("ciphertext"));
        ciphertext[3] ^= 1;
        box.put("ciphertext", Base64.getEncoder().encodeToString(ciphertext));
        Map<String, Object> tampered = new LinkedHashMap<>(sealed);
        tampered.put(SecretSeal.SEALED_FIELD, box);

        SealException error = assertThrows(SealException.class, () -> seal.open(APP, List.of(tampered)));
        assertEquals(APP + ": Secret/prod/db does not open with bundle key " + BundleKeys.of(NEW).current().id()
                + ": altered, or sealed for another object or application", error.getMessage());
    }

    @Test
    void aCiphertextMovedToAnotherObjectOrApplicationDoesNotOpen() {
        SecretSeal seal = new SecretSeal(BundleKeys.of(NEW));
        Map<String, Object> sealed = seal.seal(APP, List.of(SECRET)).get(0);
        Map<String, Object> moved = new LinkedHashMap<>(sealed);
        moved.put("metadata", Map.of("name", "other", "namespace", "prod"));

        assertThrows(SealException.class, () -> seal.open(APP, List.of(moved)));
        assertThrows(SealException.class, () -> seal.open(APP.replace("web", "evil"), List.of(sealed)));
    }

    @Test
    void afterARotationOldBundlesStillOpenAndNewOnesUseTheNewKey() {
        List<Map<String, Object>> sealedBefore = new SecretSeal(BundleKeys.of(OLD)).seal(APP, OBJECTS);
        SecretSeal rotated = new SecretSeal(BundleKeys.of(NEW, OLD));

        assertEquals(OBJECTS, rotated.open(APP, sealedBefore));
        assertEquals(BundleKeys.of(NEW).current().id(), box(rotated.seal(APP, OBJECTS).get(1)).get("keyId"));

        String oldId = BundleKeys.of(OLD).current().id();
        SealException unknown = assertThrows(SealException.class,
                () -> new SecretSeal(BundleKeys.of(NEW)).open(APP, sealedBefore));
        assertTrue(unknown.getMessage().startsWith(APP + ": Secret/prod/db is sealed with bundle key " + oldId
                + ", which this service does not hold"), unknown.getMessage());
    }

    @Test
    void withoutAKeyNothingIsSealedInClear() {
        SecretSeal none = new SecretSeal(BundleKeys.NONE);
        assertFalse(none.canSeal());
        assertThrows(IllegalStateException.class, () -> none.seal(APP, OBJECTS));
        assertEquals(List.of(CONFIG), none.seal(APP, List.of(CONFIG)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> box(Map<String, Object> sealed) {
        return (Map<String, Object>) sealed.get(SecretSeal.SEALED_FIELD);
    }

    static byte[] key(int fill) {
        byte[] key = new byte[BundleKey.LENGTH];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
