package io.sluice.source.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.api.ObjectRef;
import io.sluice.access.secrets.SecretNotFoundException;
import io.sluice.access.secrets.SecretsLookup;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Instant;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * {@code POST /api/webhook}, as Argo CD's: one endpoint for every repository. The Git host is known
 * by its event header (X-GitHub-Event, X-Gitlab-Event, X-Event-Key; none: Sluice's generic push),
 * the request is checked with that host's shared secret, and every GitRepository whose URL and ref
 * the push moved is asked to reconcile now. Without a configured secret the host is refused: an
 * unsigned push is never accepted.
 */
@Path("/api/webhook")
public class RepositoryWebhookResource {
    /** The Secret that holds one shared webhook secret per host, under the keys github, gitlab, bitbucket, generic. */
    static final String SECRET_NAMESPACE = "sluice-system";
    static final String SECRET_NAME = "webhook";
    private static final Logger LOG = Logger.getLogger(RepositoryWebhookResource.class);

    private final WebhookIntake intake;
    private final SecretsLookup secrets;
    private final ReconcileRequests requests;
    private final WebhookReplies replies;

    @Inject
    public RepositoryWebhookResource(WebhookIntake intake, SecretsLookup secrets, ReconcileRequests requests,
            WebhookReplies replies) {
        this.intake = intake;
        this.secrets = secrets;
        this.requests = requests;
        this.replies = replies;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(@Context HttpHeaders headers, InputStream body) {
        long start = System.nanoTime();
        Instant arrived = Instant.now();
        HookType host = hostOf(headers);
        String endpoint = "/api/webhook:" + secretKey(host);
        try {
            intake.requireCaughtUp();
            WebhookRequest request = intake.read(headers, body);
            Optional<String> forged = host.authenticate(request, secret(host));
            if (forged.isPresent()) {
                LOG.warnf("/api/webhook: refused a %s request: %s", secretKey(host), forged.get());
                throw new WebhookRejection(WebhookOutcome.UNAUTHORIZED, forged.get());
            }
            return handle(host, request, endpoint, start, arrived);
        } catch (WebhookRejection rejection) {
            return replies.reject(endpoint, start, rejection);
        }
    }

    private Response handle(HookType host, WebhookRequest request, String endpoint, long start, Instant arrived)
            throws WebhookRejection {
        String event = host.event(request);
        String what = secretKey(host) + (event == null ? " push" : " event '" + Printable.of(event) + "'");
        JsonNode payload = intake.json(request, secretKey(host), endpointRef(host), "/api/webhook", what);
        Optional<Push> push = PushPayloads.parse(host, event, payload);
        if (push.isEmpty()) {
            return replies.answer(endpoint, start, WebhookOutcome.IGNORED, what + " is not a push: nothing to do", List.of());
        }
        List<ObjectRef> sources = PushedSources.of(push.get(), intake.documents());
        String pushed = Printable.of(String.join(", ", push.get().refs()) + " of " + push.get().repositoryUrls().get(0));
        if (sources.isEmpty()) {
            return replies.answer(endpoint, start, WebhookOutcome.IGNORED, "no GitRepository follows " + pushed, List.of());
        }
        List<String> sent = requests.send(sources, "webhook " + secretKey(host), arrived);
        String message = what + " for " + pushed + ": reconcile requested for "
                + String.join(", ", sources.stream().map(ObjectRef::display).toList());
        LOG.infof("/api/webhook: %s", message);
        return replies.answer(endpoint, start, WebhookOutcome.ACCEPTED, message, sent);
    }

    /** The shared secret for the host, from key {@code <host>} of the secret sluice-system/webhook. */
    private byte[] secret(HookType host) throws WebhookRejection {
        String key = secretKey(host);
        try {
            Optional<String> secret = secrets.get(SECRET_NAMESPACE, SECRET_NAME).text(key).filter(s -> !s.isEmpty());
            if (secret.isPresent()) {
                return secret.get().getBytes(StandardCharsets.UTF_8);
            }
        } catch (SecretNotFoundException | UncheckedIOException e) {
            LOG.debugf("/api/webhook: %s", e.getMessage());
        }
        LOG.warnf("/api/webhook: refused a %s request: no secret for it is configured", key);
        throw new WebhookRejection(WebhookOutcome.UNAUTHORIZED, "no " + key + " webhook secret is configured (key '" + key
                + "' of secret " + SECRET_NAMESPACE + "/" + SECRET_NAME + "): unsigned pushes are refused");
    }

    /** Known by its event header, as Argo CD tells hosts apart; a request with none is Sluice's generic push. */
    private static HookType hostOf(HttpHeaders headers) {
        for (HookType host : List.of(HookType.GITHUB, HookType.GITLAB, HookType.BITBUCKET)) {
            if (headers.getHeaderString(host.eventHeader()) != null) {
                return host;
            }
        }
        return HookType.GENERIC_HMAC;
    }

    /** github, gitlab, bitbucket or generic: the key of the host's secret and the tag of its metrics. */
    private static String secretKey(HookType host) {
        return host == HookType.GENERIC_HMAC ? "generic" : host.fluxName();
    }

    /** What events about this endpoint are about: there is no document for it, so it names itself. */
    private static ObjectRef endpointRef(HookType host) {
        return new ObjectRef("source.sluice.io/v1", "Webhook", SECRET_NAMESPACE, secretKey(host));
    }
}
