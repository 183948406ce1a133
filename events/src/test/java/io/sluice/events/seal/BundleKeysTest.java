package io.sluice.events.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleKeysTest {
    private static final String OLD = Base64.getEncoder().encodeToString(SecretSealTest.key(1));
    private static final String NEW = Base64.getEncoder().encodeToString(SecretSealTest.key(2));

    @Test
    void theKeyFileHoldsTheCurrentKeyFirstAndOlderOnesAfter(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bundle.key"), NEW + "\n\n" + OLD + "\n");
        BundleKeys keys = BundleKeys.fromConfig(Optional.empty(), Optional.of(file.toString()), Optional.empty());

        assertEquals(BundleKeys.of(SecretSealTest.key(2)).current().id(), keys.current().id());
        assertEquals(BundleKeys.of(SecretSealTest.key(2), SecretSealTest.key(1)).ids(), keys.ids());
    }

    @Test
    void olderKeysMayBeGivenInTheirOwnProperty() {
        BundleKeys keys = BundleKeys.fromConfig(Optional.of(NEW), Optional.empty(), Optional.of(List.of(OLD)));
        assertEquals(2, keys.ids().size());
        assertEquals(keys.current(), keys.find(keys.ids().get(0)));
        assertNull(keys.find("00000000"));
    }

    @Test
    void aBadKeyIsNamedByItsPropertyNeverShown() {
        String wrongLength = Base64.getEncoder().encodeToString(new byte[16]);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> BundleKeys.fromConfig(Optional.of(wrongLength), Optional.empty(), Optional.empty()));
        assertEquals("sluice.bundle.key must be the base64 form of 32 bytes, not 16", error.getMessage());

        error = assertThrows(IllegalArgumentException.class,
                () -> BundleKeys.fromConfig(Optional.of(NEW), Optional.empty(), Optional.of(List.of("s3cr3t-!"))));
        assertEquals("sluice.bundle.previous-keys[0] is not base64", error.getMessage());
        assertFalse(error.toString().contains("s3cr3t"));
        assertFalse(BundleKeys.fromConfig(Optional.of(NEW), Optional.empty(), Optional.empty()).toString()
                .contains(NEW));
    }

    @Test
    void noKeyConfiguredMeansNone() {
        assertNull(BundleKeys.fromConfig(Optional.of(" "), Optional.empty(), Optional.empty()).current());
    }
}
