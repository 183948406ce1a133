package io.sluice.testkit.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An ed25519 key pair made by ssh-keygen, as a user makes one (Debian package openssh-client).
 *
 * @param identity the private key file's text (OpenSSH format), what a Secret's {@code identity} holds
 * @param publicKey the public key line ("ssh-ed25519 AAAA... comment")
 */
public record SshKey(String identity, String publicKey) {

    /** Writes a new key pair to {@code file} and {@code file}.pub; {@code passphrase} null: not encrypted. */
    public static SshKey generate(Path file, String passphrase) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-C", "sluice-test", "-N",
                passphrase == null ? "" : passphrase, "-f", file.toString()).redirectErrorStream(true).start();
        String output = new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (keygen.waitFor() != 0) {
            throw new IOException("ssh-keygen failed: " + output);
        }
        return new SshKey(Files.readString(file),
                Files.readString(file.resolveSibling(file.getFileName() + ".pub")).strip());
    }
}
