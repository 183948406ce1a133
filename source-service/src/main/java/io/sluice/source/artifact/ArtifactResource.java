package io.sluice.source.artifact;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves stored artifacts at {@code GET /artifacts/<sha256hex>.tar.gz}. The name is the content's
 * digest, so the ETag is the digest and a response never changes. Any other name is refused
 * before it gets near the file system.
 */
@Path("/artifacts")
public class ArtifactResource {
    private static final Pattern NAME = Pattern.compile("([0-9a-f]{64})\\.tar\\.gz");

    private final ArtifactStore store;

    @Inject
    public ArtifactResource(ArtifactStore store) {
        this.store = store;
    }

    @GET
    @Path("{name}")
    public Response get(@PathParam("name") String name, @Context Request request) {
        Matcher matcher = NAME.matcher(name);
        if (!matcher.matches()) {
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.TEXT_PLAIN)
                    .entity("an artifact name is <64 lowercase hex digits of its sha256>.tar.gz\n").build();
        }
        String hex = matcher.group(1);
        var file = store.find(hex);
        if (file.isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND).type(MediaType.TEXT_PLAIN)
                    .entity("no artifact sha256:" + hex + "\n").build();
        }
        EntityTag etag = new EntityTag("sha256:" + hex);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(etag);
        if (notModified != null) {
            return notModified.build();
        }
        return Response.ok(file.get().toFile(), "application/gzip").tag(etag)
                .header("Cache-Control", "public, max-age=31536000, immutable").build();
    }
}
