package io.sluice.cli.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key render- and apply-service seal and open bundle Secrets with, for a local stack: 32 random
 * bytes made once per stack folder and kept there (owner-only), so bundles on the stack's topics still
 * open after a restart. Passed to the services as a file, never on a command line.
 */
final class BundleKeyFile {
    static final String NAME = "bundle.key";

    /** The key file in {@code state}, created on first use. */
    static Path ensure(Path state) throws IOException {
        Path file = state.resolve(NAME);
        if (Files.exists(file)) {
            return file;
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException raced) {
            return file;
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
        return file;
    }

    private BundleKeyFile() {
    }
}
