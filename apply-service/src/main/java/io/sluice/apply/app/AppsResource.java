package io.sluice.apply.app;

import io.sluice.events.AppStatus;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The applications' statuses for the CLI ({@code sluice get apps}). */
@Path("/api/apps")
public class AppsResource {
    private final ApplyStreams streams;

    AppsResource(ApplyStreams streams) {
        this.streams = streams;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<AppStatus> list() {
        return streams.statuses();
    }
}
