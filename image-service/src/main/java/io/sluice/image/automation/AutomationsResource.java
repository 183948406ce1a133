package io.sluice.image.automation;

import io.sluice.image.ImageService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.jboss.logging.Logger;

/** GET /api/automations/{namespace}/{name}/diff: what the automation would commit now (`sluice image diff`). */
@Path("/api/automations")
public class AutomationsResource {
    private static final Logger LOG = Logger.getLogger(AutomationsResource.class);
    private final ImageService service;

    public AutomationsResource(ImageService service) {
        this.service = service;
    }

    @GET
    @Path("{namespace}/{name}/diff")
    @Produces(MediaType.TEXT_PLAIN)
    public Response diff(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        try {
            return Response.ok(service.diff(namespace, name)).build();
        } catch (IllegalArgumentException e) {
            return Response.status(Response.Status.NOT_FOUND).entity(e.getMessage()).build();
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "the diff of ImageUpdateAutomation %s/%s failed", namespace, name);
            return Response.serverError().entity(e.getMessage()).build();
        }
    }
}
