package io.sluice.apply.bundle;

import io.sluice.events.RenderedBundle;
import io.sluice.events.seal.BundleKeys;
import io.sluice.events.seal.SealException;
import io.sluice.events.seal.SecretSeal;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Turns a bundle as it is on the topic into the objects to apply: fetches a claim-checked bundle's
 * objects from render-service and opens its sealed Secrets with the bundle keys. The result is kept
 * per application while the topic holds the same record, so reconciles on the interval neither
 * fetch nor decrypt again.
 */
@ApplicationScoped
public class BundleOpener {
    private static final Logger LOG = Logger.getLogger(BundleOpener.class);

    private final SecretSeal seal;
    private final ClaimCheckFetch claimChecks;
    /** Per application, the record last opened (compared by identity: the view keeps it until a new one) and its result. */
    private final Map<String, Opened> opened = new ConcurrentHashMap<>();

    private record Opened(RenderedBundle raw, RenderedBundle plain) {
    }

    /** The bundle keys, by value or from a file, and older keys still accepted during a rotation. */
    BundleOpener(@ConfigProperty(name = BundleKeys.KEY_PROPERTY) Optional<String> key,
            @ConfigProperty(name = BundleKeys.KEY_FILE_PROPERTY) Optional<String> keyFile,
            @ConfigProperty(name = BundleKeys.PREVIOUS_PROPERTY) Optional<List<String>> previousKeys,
            @ConfigProperty(name = "sluice.bundle.fetch-timeout", defaultValue = "30s") Duration fetchTimeout) {
        BundleKeys keys = BundleKeys.fromConfig(key, keyFile, previousKeys);
        seal = new SecretSeal(keys);
        claimChecks = new ClaimCheckFetch(fetchTimeout);
        LOG.infof("bundle keys for sealed Secrets: %s", keys.ids().isEmpty() ? "none" : keys.ids());
    }

    /**
     * The bundle of {@code appId} with its objects inline and its Secrets opened; null and failed
     * bundles as they are.
     *
     * @throws BundleUnavailableException naming the application: the claim check cannot be fetched
     *     (retryable), or a Secret does not open (a missing or wrong key)
     */
    public RenderedBundle open(String appId, RenderedBundle raw) throws BundleUnavailableException {
        if (raw == null || raw.failed()) {
            opened.remove(appId);
            return raw;
        }
        Opened last = opened.get(appId);
        if (last != null && last.raw() == raw) {
            return last.plain();
        }
        List<Map<String, Object>> objects = raw.objects();
        if (raw.claimCheck() != null) {
            try {
                objects = claimChecks.fetch(raw.claimCheck());
            } catch (IOException e) {
                throw new BundleUnavailableException(raw.appId() + ": cannot fetch the bundle of revision "
                        + raw.revision() + " from its claim check " + raw.claimCheck().url() + ": " + e.getMessage()
                        + "; the last applied state stays", raw.revision(), true);
            }
        }
        RenderedBundle plain;
        try {
            plain = raw.withObjects(seal.open(raw.appId(), objects));
        } catch (SealException e) {
            throw new BundleUnavailableException(e.getMessage() + "; revision " + raw.revision()
                    + " not applied, the last applied state stays", raw.revision(), false);
        }
        opened.put(appId, new Opened(raw, plain));
        return plain;
    }
}
