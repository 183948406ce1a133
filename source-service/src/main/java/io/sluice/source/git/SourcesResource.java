package io.sluice.source.git;

import io.sluice.source.helm.HelmSources;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.stream.Stream;

/** {@code GET /api/sources}: every source this service polls, with its revision and readiness. */
@Path("/api/sources")
public class SourcesResource {
    private final GitSources sources;
    private final HelmSources helmSources;

    @Inject
    public SourcesResource(GitSources sources, HelmSources helmSources) {
        this.sources = sources;
        this.helmSources = helmSources;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<SourceStatus> list() {
        return Stream.concat(sources.statuses().stream(), helmSources.statuses().stream()).toList();
    }
}
