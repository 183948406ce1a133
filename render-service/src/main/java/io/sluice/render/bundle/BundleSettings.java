package io.sluice.render.bundle;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/** The {@code sluice.bundle.*} options; defaults and meanings are in application.properties. */
@ConfigMapping(prefix = "sluice.bundle")
public interface BundleSettings {
    /** The current bundle key, base64 of 32 bytes; never logged. */
    Optional<String> key();

    /** A file holding the current bundle key on its first line. */
    Optional<String> keyFile();

    /** Older keys; render-service seals with the current key only, but reads them to validate the set. */
    Optional<List<String>> previousKeys();

    /** A bundle whose record would be larger travels by claim check. */
    MemorySize inlineLimit();

    /** How many claim-checked payloads are kept per application, the newest first. */
    int claimChecksKept();

    /** The base URL apply-service fetches claim-checked bundles from; empty: http://127.0.0.1:<HTTP port>. */
    Optional<String> publicUrl();
}
