package io.sluice.render.bundle;

import io.quarkus.runtime.LaunchMode;
import io.sluice.events.ClaimCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The payloads of bundles too large to travel inline, kept on disk under the data folder (one
 * folder per application, its last few payloads) and served by digest, so apply-service can fetch
 * any bundle still on the topic, even after a restart of this service.
 */
@ApplicationScoped
public class ClaimChecks implements BundlePacker.PayloadStore {
    private static final Logger LOG = Logger.getLogger(ClaimChecks.class);
    private static final Pattern APP_TOKEN = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    private final Path root;
    private final BundleSettings settings;

    @Inject
    public ClaimChecks(@ConfigProperty(name = "sluice.data-dir") String dataDir, BundleSettings settings) {
        this.root = Path.of(dataDir).resolve("claim-checks");
        this.settings = settings;
    }

    /** Stores {@code payload} for {@code appId}, drops its older payloads beyond the kept number, and says where it is. */
    @Override
    public ClaimCheck store(String appId, byte[] payload, int objectCount) {
        String hex = sha256(payload);
        String token = token(appId);
        Path dir = root.resolve(token);
        try {
            Files.createDirectories(dir);
            Path temporary = Files.createTempFile(dir, "payload-", ".tmp");
            Files.write(temporary, payload);
            Path file = dir.resolve(hex + ".json");
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            dropOlder(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the claim-checked bundle of " + appId + " in " + dir, e);
        }
        return new ClaimCheck(base() + "/bundles/" + token + "/" + hex, "sha256:" + hex, payload.length, objectCount);
    }

    /** The payload stored under {@code token} and {@code hex}; empty when unknown or malformed. */
    public Optional<Path> find(String token, String hex) {
        if (!APP_TOKEN.matcher(token).matches() || !HEX.matcher(hex).matches()) {
            return Optional.empty();
        }
        Path file = root.resolve(token).resolve(hex + ".json");
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** Whether {@code check} names this instance's URL and a payload it still keeps. */
    @Override
    public boolean serves(ClaimCheck check) {
        String prefix = base() + "/bundles/";
        if (!check.url().startsWith(prefix)) {
            return false;
        }
        String[] tokenAndHex = check.url().substring(prefix.length()).split("/");
        return tokenAndHex.length == 2 && find(tokenAndHex[0], tokenAndHex[1]).isPresent();
    }

    private void dropOlder(Path dir) throws IOException {
        List<Path> payloads;
        try (Stream<Path> files = Files.list(dir)) {
            payloads = files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .sorted(Comparator.comparing(ClaimChecks::modified).reversed()).toList();
        }
        for (Path old : payloads.subList(Math.min(settings.claimChecksKept(), payloads.size()), payloads.size())) {
            Files.deleteIfExists(old);
            LOG.debugf("dropped the claim-checked bundle %s", old);
        }
    }

    private String base() {
        if (settings.publicUrl().isPresent()) {
            return settings.publicUrl().get().replaceAll("/+$", "");
        }
        // Read when needed: with port 0 Quarkus knows its port only once listening.
        String port = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        return "http://127.0.0.1:" + ConfigProvider.getConfig().getValue(port, Integer.class);
    }

    /** A path-safe name for an application id, which holds slashes. */
    private static String token(String appId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(appId.getBytes(StandardCharsets.UTF_8));
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String sha256(byte[] payload) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
