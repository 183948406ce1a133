package io.sluice.source.webhook;

import io.sluice.api.notification.Receiver;
import io.sluice.api.status.Reasons;
import io.sluice.events.ConfigDocument;
import io.sluice.source.SourceEvents;
import io.sluice.source.artifact.ArtifactUrls;
import io.sluice.access.secrets.Secret;
import io.sluice.access.secrets.SecretNotFoundException;
import io.sluice.access.secrets.SecretsLookup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The Receivers on sluice.config and the webhook path of each. A path depends on the token in the
 * secrets directory, which may change at any time: a request for an unknown path reads the secrets
 * again (at most once a second), and a known path is checked against the current token before use,
 * so a rotated token moves the path at once.
 */
@ApplicationScoped
public class Receivers {
    private static final Logger LOG = Logger.getLogger(Receivers.class);
    private static final long MISS_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final SecretsLookup secrets;
    private final SourceEvents events;
    private final ArtifactUrls urls;
    private final Map<String, WebhookReceiver> receivers = new ConcurrentHashMap<>();
    private volatile Index index = new Index(Map.of(), Map.of());
    private volatile long lastMissRefresh = System.nanoTime() - MISS_REFRESH_NANOS;

    /** Every Receiver's state by id, and the ready ones by webhook digest. */
    private record Index(Map<String, ReceiverState> states, Map<String, ReceiverState> byDigest) {
    }

    @Inject
    public Receivers(SecretsLookup secrets, SourceEvents events, ArtifactUrls urls) {
        this.secrets = secrets;
        this.events = events;
        this.urls = urls;
    }

    /** Follows sluice.config: a Receiver added, changed, or deleted (null). Other kinds are not receivers. */
    void onConfig(String key, ConfigDocument document) {
        if (!Receiver.KIND.keys(key)) {
            return;
        }
        if (document == null) {
            WebhookReceiver removed = receivers.remove(key);
            if (removed != null) {
                LOG.infof("%s: deleted, its webhook path answers 404 from now on", removed.display());
                refresh();
            }
            return;
        }
        WebhookReceiver receiver = WebhookReceiver.of(document);
        WebhookReceiver previous = receivers.put(key, receiver);
        if (previous != null && previous.document().equals(receiver.document())) {
            return;
        }
        refresh();
        report(receiver, index.states().get(key));
    }

    /** The ready Receiver whose webhook path is {@code /hook/<digest>}, checked against its current token. */
    Optional<ReceiverState> find(String digest) {
        ReceiverState known = index.byDigest().get(digest);
        if (known != null) {
            ReceiverState current = resolve(known.receiver());
            if (current.ready() && digest.equals(current.digest())) {
                return Optional.of(current);
            }
            refresh();
        } else if (System.nanoTime() - lastMissRefresh >= MISS_REFRESH_NANOS) {
            // A secret may have been created since: read again, but not on every request for a made-up path.
            lastMissRefresh = System.nanoTime();
            refresh();
        }
        return Optional.ofNullable(index.byDigest().get(digest));
    }

    /** Every Receiver, sorted by namespace and name, with its secrets read now. */
    public List<ReceiverStatus> statuses() {
        refresh();
        return index.states().values().stream().map(this::status)
                .sorted(Comparator.comparing(ReceiverStatus::namespace).thenComparing(ReceiverStatus::name))
                .toList();
    }

    private ReceiverStatus status(ReceiverState state) {
        WebhookReceiver receiver = state.receiver();
        String path = state.ready() ? WebhookPath.PREFIX + state.digest() : null;
        return new ReceiverStatus(receiver.ref().namespace(), receiver.ref().name(),
                receiver.spec() == null ? null : receiver.spec().type(), path,
                path == null ? null : urls.base() + path, state.ready(), state.suspended(), state.message());
    }

    private synchronized void refresh() {
        Map<String, ReceiverState> states = new LinkedHashMap<>();
        Map<String, ReceiverState> byDigest = new HashMap<>();
        receivers.values().stream().sorted(Comparator.comparing(r -> r.ref().id())).forEach(receiver -> {
            ReceiverState state = resolve(receiver);
            if (state.ready()) {
                ReceiverState other = byDigest.putIfAbsent(state.digest(), state);
                if (other != null) {
                    // token + name + namespace concatenate to the same text ("ab"+"c" = "a"+"bc"): one path, two owners.
                    state = ReceiverState.notReady(receiver, state.type(), "its webhook path is the same as "
                            + other.receiver().display() + "'s: give it another token");
                }
            }
            states.put(receiver.ref().id(), state);
        });
        index = new Index(Map.copyOf(states), Map.copyOf(byDigest));
    }

    private ReceiverState resolve(WebhookReceiver receiver) {
        Receiver.Spec spec = receiver.spec();
        if (spec == null) {
            return ReceiverState.notReady(receiver, null, receiver.problem());
        }
        Optional<HookType> type = HookType.named(spec.type());
        if (type.isEmpty()) {
            return ReceiverState.notReady(receiver, null, "spec.type '" + spec.type()
                    + "' is not supported yet; Sluice supports " + HookType.supportedNames());
        }
        String namespace = receiver.ref().namespace();
        String secretName = spec.secretRef().name();
        try {
            Secret secret = secrets.get(namespace, secretName);
            String token = secret.require(ReceiverState.TOKEN_KEY);
            if (token.isEmpty()) {
                return ReceiverState.notReady(receiver, type.get(), "secret " + namespace + "/" + secretName
                        + " has an empty '" + ReceiverState.TOKEN_KEY + "'");
            }
            String digest = WebhookPath.digest(token, receiver.ref().name(), namespace);
            return new ReceiverState(receiver, type.get(), secret, digest, true, spec.suspend() ? "suspended" : "ready");
        } catch (SecretNotFoundException | UncheckedIOException e) {
            return ReceiverState.notReady(receiver, type.get(), e.getMessage());
        }
    }

    /**
     * A new or changed Receiver that cannot be served is said out loud; what it sets that Sluice does
     * not act on was reported at configuration time.
     */
    private void report(WebhookReceiver receiver, ReceiverState state) {
        if (receiver.spec() == null) {
            LOG.error(receiver.problem());
            events.error(receiver.ref(), Reasons.CONFIG_INVALID, receiver.problem(), null);
        } else if (!state.ready()) {
            String message = receiver.display() + " is not ready: " + state.message();
            LOG.warn(message);
            events.error(receiver.ref(), Reasons.RECEIVER_NOT_READY, message, null);
        }
    }
}
