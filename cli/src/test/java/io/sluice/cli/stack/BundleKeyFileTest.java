package io.sluice.cli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleKeyFileTest {

    @Test
    void aStackMakesItsKeyOnceReadableByItsOwnerOnly(@TempDir Path first, @TempDir Path second) throws Exception {
        Path file = BundleKeyFile.ensure(first);
        String key = Files.readString(file);

        assertEquals(first.resolve("bundle.key"), file);
        assertEquals(32, Base64.getDecoder().decode(key.trim()).length);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(key, Files.readString(BundleKeyFile.ensure(first)), "kept across restarts");
        assertNotEquals(key, Files.readString(BundleKeyFile.ensure(second)), "each stack has its own");
    }
}
