package io.sluice.render.bundle;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Serves claim-checked bundles (their objects, Secrets sealed) to apply-service, by digest. */
@Path("/bundles")
public class BundlesResource {
    private final ClaimChecks claimChecks;

    @Inject
    public BundlesResource(ClaimChecks claimChecks) {
        this.claimChecks = claimChecks;
    }

    @GET
    @Path("{app}/{digest}")
    @Produces(MediaType.APPLICATION_JSON)
    public java.nio.file.Path payload(@PathParam("app") String app, @PathParam("digest") String digest) {
        return claimChecks.find(app, digest).orElseThrow(() -> new NotFoundException("no bundle " + digest));
    }
}
