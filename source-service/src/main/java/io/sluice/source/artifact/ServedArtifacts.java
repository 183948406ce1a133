package io.sluice.source.artifact;

import io.sluice.events.SourceArtifact;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Whether consumers can still fetch a published artifact. This instance's own artifacts are served
 * while its store keeps them. A source taken over from another instance keeps the artifact that
 * instance published while that instance still serves it: the new owner then has no reason to
 * publish the same revision again. Once it no longer answers, the new owner publishes its own copy.
 */
@ApplicationScoped
public class ServedArtifacts {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ArtifactStore store;
    private final ArtifactUrls urls;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    @Inject
    public ServedArtifacts(ArtifactStore store, ArtifactUrls urls) {
        this.store = store;
        this.urls = urls;
    }

    public boolean served(SourceArtifact artifact) {
        String digest = artifact.digest();
        if (digest == null || artifact.url() == null) {
            return false;
        }
        String hex = digest.substring(digest.indexOf(':') + 1);
        if (urls.of(hex).equals(artifact.url())) {
            return store.find(hex).isPresent();
        }
        return answers(artifact.url(), digest);
    }

    /** Asks the serving instance with the digest as ETag: 304 (or 200 with that ETag) means it still has it. */
    private boolean answers(String url, String digest) {
        String etag = "\"" + digest + "\"";
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                    .header("If-None-Match", etag).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 304
                    || response.statusCode() == 200 && etag.equals(response.headers().firstValue("ETag").orElse(null));
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
