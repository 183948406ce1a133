package io.sluice.image.scan;

import io.sluice.image.ImageService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** GET /api/images: each ImageRepository with its last scan, tag count and message. */
@Path("/api/images")
public class ImagesResource {
    private final ImageService service;

    public ImagesResource(ImageService service) {
        this.service = service;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<ScanStatus> list() {
        return service.scanner().statuses();
    }
}
