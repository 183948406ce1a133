package io.sluice.source.webhook;

import io.sluice.api.ObjectRef;
import io.sluice.api.status.Reasons;
import io.sluice.source.SourceEvents;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * {@code POST /hook/<digest>}: a Flux Receiver's webhook. The request must prove it holds the
 * Receiver's token (as its type defines), name an event in {@code spec.events} when there are any,
 * and carry a readable payload; then every source in {@code spec.resources} is asked to reconcile now.
 * Neither the token nor the path is ever logged.
 */
@Path(WebhookPath.PREFIX)
public class ReceiverHookResource {
    private static final Logger LOG = Logger.getLogger(ReceiverHookResource.class);

    private final WebhookIntake intake;
    private final Receivers receivers;
    private final ReconcileRequests requests;
    private final WebhookReplies replies;
    private final SourceEvents events;

    @Inject
    public ReceiverHookResource(WebhookIntake intake, Receivers receivers, ReconcileRequests requests,
            WebhookReplies replies, SourceEvents events) {
        this.intake = intake;
        this.receivers = receivers;
        this.requests = requests;
        this.replies = replies;
        this.events = events;
    }

    @POST
    @Path("{digest}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(@PathParam("digest") String digest, @Context HttpHeaders headers, InputStream body) {
        long start = System.nanoTime();
        Instant arrived = Instant.now();
        String receiver = WebhookReplies.UNKNOWN_RECEIVER;
        try {
            intake.requireCaughtUp();
            ReceiverState state = receivers.find(digest).orElseThrow(
                    () -> new WebhookRejection(WebhookOutcome.NOT_FOUND, "no ready Receiver has this webhook path"));
            receiver = state.receiver().label();
            if (state.suspended()) {
                throw new WebhookRejection(WebhookOutcome.UNAVAILABLE, state.receiver().display() + " is suspended");
            }
            return handle(state, intake.read(headers, body), start, arrived);
        } catch (WebhookRejection rejection) {
            return replies.reject(receiver, start, rejection);
        }
    }

    private Response handle(ReceiverState state, WebhookRequest request, long start, Instant arrived)
            throws WebhookRejection {
        WebhookReceiver receiver = state.receiver();
        HookType type = state.type();
        Optional<String> forged = type.authenticate(request, state.token());
        if (forged.isPresent()) {
            LOG.warnf("%s: refused a %s request: %s", receiver.display(), type.fluxName(), forged.get());
            throw new WebhookRejection(WebhookOutcome.UNAUTHORIZED, forged.get());
        }
        String event = type.event(request);
        String what = type.fluxName() + (type.eventHeader() == null ? " request" : " event '" + Printable.of(event) + "'");
        List<String> wanted = receiver.spec().events();
        if (type.eventHeader() != null && !wanted.isEmpty() && wanted.stream().noneMatch(e -> e.equalsIgnoreCase(event))) {
            String message = what + " is not in spec.events " + wanted + ": nothing to do";
            LOG.infof("%s: %s", receiver.display(), message);
            return replies.answer(receiver.label(), start, WebhookOutcome.IGNORED, message, List.of());
        }
        if (type.jsonPayload()) {
            intake.json(request, type.fluxName(), receiver.ref(), receiver.display(), what);
        }
        ReceiverTargets targets = ReceiverTargets.of(receiver, intake.documents());
        List<String> sent = requests.send(targets.sources(), "receiver " + receiver.label(), arrived);
        String message = what + ": reconcile requested for "
                + (sent.isEmpty() ? "no source" : String.join(", ", targets.sources().stream().map(ObjectRef::display).toList()))
                + (targets.problems().isEmpty() ? "" : "; " + String.join("; ", targets.problems()));
        LOG.infof("%s: %s", receiver.display(), message);
        if (targets.problems().isEmpty()) {
            events.info(receiver.ref(), Reasons.RECONCILE_REQUESTED, message, null);
        } else {
            events.error(receiver.ref(), Reasons.RECONCILE_REQUESTED, message, null);
        }
        return replies.answer(receiver.label(), start, sent.isEmpty() ? WebhookOutcome.IGNORED : WebhookOutcome.ACCEPTED, message,
                sent);
    }
}
