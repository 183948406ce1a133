package io.sluice.render.bundle;

import io.sluice.api.ObjectRef;
import io.sluice.events.ClaimCheck;
import io.sluice.events.Json;
import io.sluice.events.RenderedBundle;
import io.sluice.events.seal.BundleKeys;
import io.sluice.events.seal.SecretSeal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns rendered objects into the bundle that goes on Kafka: Secrets sealed (a bundle with Secrets
 * fails when no key is configured: they are never published in clear), the digest taken over the
 * plain objects with Secrets keyed, so an unchanged render keeps its digest although every seal
 * differs, and a bundle too large for a record sent by claim check.
 */
public final class BundlePacker {
    /** Stores a payload for an application and says where it is served: (app id, payload, object count). */
    @FunctionalInterface
    public interface PayloadStore {
        ClaimCheck store(String appId, byte[] payload, int objectCount);

        /** Whether {@code check} is served from this store now; a store that cannot tell serves none. */
        default boolean serves(ClaimCheck check) {
            return false;
        }
    }

    private final SecretSeal seal;
    private final Function<Object, String> digest;
    private final PayloadStore claimChecks;
    private final long inlineLimit;

    /** {@code digest} gives the "sha256:<hex>" of a value's canonical JSON. */
    public BundlePacker(BundleKeys keys, Function<Object, String> digest, PayloadStore claimChecks, long inlineLimit) {
        this.seal = new SecretSeal(keys);
        this.digest = digest;
        this.claimChecks = claimChecks;
        this.inlineLimit = inlineLimit;
    }

    /** A good bundle of {@code objects} with its Secrets sealed, or a failed one naming the app and the missing key. */
    public RenderedBundle pack(ObjectRef app, String sourceId, String revision, List<Map<String, Object>> objects) {
        String appId = app.id();
        if (SecretSeal.hasSecrets(objects) && !seal.canSeal()) {
            List<String> secrets = objects.stream().filter(SecretSeal::isSecret)
                    .map(o -> "Secret/" + name(o)).toList();
            return RenderedBundle.failed(appId, sourceId, revision, List.of(app.display() + " renders "
                    + String.join(", ", secrets) + " but render-service has no bundle key to seal them ("
                    + BundleKeys.KEY_PROPERTY + " or " + BundleKeys.KEY_FILE_PROPERTY
                    + "): Secrets are never published in clear"), Instant.now());
        }
        return RenderedBundle.ok(appId, sourceId, revision, digest.apply(seal.digestForm(appId, objects)),
                seal.seal(appId, objects), Instant.now());
    }

    /**
     * Whether apply-service can fetch {@code published}: inline, or by a claim check this instance serves
     * (not one of another instance that may be gone).
     */
    public boolean serves(RenderedBundle published) {
        return published.claimCheck() == null || claimChecks.serves(published.claimCheck());
    }

    /** {@code bundle} as it goes on the topic: inline, or by claim check when its record would exceed the limit. */
    public RenderedBundle outgoing(RenderedBundle bundle) {
        if (bundle.failed() || Json.write(bundle).getBytes(StandardCharsets.UTF_8).length <= inlineLimit) {
            return bundle;
        }
        byte[] payload = Json.write(bundle.objects()).getBytes(StandardCharsets.UTF_8);
        return bundle.withClaimCheck(claimChecks.store(bundle.appId(), payload, bundle.objects().size()));
    }

    private static String name(Map<String, Object> object) {
        Object metadata = object.get("metadata");
        Map<?, ?> meta = metadata instanceof Map<?, ?> m ? m : Map.of();
        Object namespace = meta.get("namespace");
        return (namespace == null ? "" : namespace + "/") + meta.get("name");
    }
}
