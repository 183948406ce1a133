package io.sluice.source.webhook;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /api/receivers}: every Receiver, with the full URL its Git host must post to, and whether it is ready. */
@Path("/api/receivers")
public class ReceiversResource {
    private final Receivers receivers;

    @Inject
    public ReceiversResource(Receivers receivers) {
        this.receivers = receivers;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<ReceiverStatus> list() {
        return receivers.statuses();
    }
}
