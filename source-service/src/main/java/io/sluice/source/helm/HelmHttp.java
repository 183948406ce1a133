package io.sluice.source.helm;

import io.sluice.api.GoDuration;
import io.sluice.api.meta.RedactedUrl;
import io.sluice.source.SourceThreads;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Downloads from Helm repositories: index.yaml (conditionally, with the ETag of the copy in hand)
 * and chart archives. Every download has a deadline and a size cap; redirects are followed by hand
 * so that credentials are sent only to the repository's own origin, as Flux does without
 * {@code passCredentials}.
 */
@ApplicationScoped
public class HelmHttp {
    private static final int MAX_REDIRECTS = 5;

    /** A 200 answer, or a 304 (body null) when the copy whose ETag was sent is still current. */
    record Download(byte[] body, String etag) {
        boolean notModified() {
            return body == null;
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    /** Closes a body that is still being read at its deadline: the request timeout only covers the headers. */
    private final ScheduledExecutorService watchdog = SourceThreads.pool("helm-download-deadline", 1);

    @PreDestroy
    void stop() {
        watchdog.shutdownNow();
    }

    /** GETs {@code url}; with an {@code etag}, a 304 answer means the copy in hand is current. */
    Download get(URI url, URI repository, BasicAuth auth, String etag, Duration timeout, int maxBytes)
            throws HelmFailure {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI current = withoutUserInfo(url);
        for (int redirects = 0;; redirects++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(current).GET()
                    .timeout(remaining(deadline, current, timeout)).header("User-Agent", "sluice-source-service");
            if (auth != null && HelmUrls.sameOrigin(current, repository)) {
                request.header("Authorization", auth.header());
            }
            if (etag != null) {
                request.header("If-None-Match", etag);
            }
            HttpResponse<InputStream> response = send(request.build(), current, timeout);
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("Location");
            if (status / 100 == 3 && status != 304 && location.isPresent() && redirects < MAX_REDIRECTS) {
                closeQuietly(response.body());
                current = withoutUserInfo(current.resolve(location.get()));
                continue;
            }
            String newEtag = response.headers().firstValue("ETag").orElse(null);
            if (status == 304) {
                closeQuietly(response.body());
                return new Download(null, etag);
            }
            if (status / 100 != 2) {
                closeQuietly(response.body());
                throw refused(status, current, auth);
            }
            return new Download(read(response, current, deadline, timeout, maxBytes), newEtag);
        }
    }

    private HttpResponse<InputStream> send(HttpRequest request, URI url, Duration timeout) throws HelmFailure {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw timedOut(url, timeout);
        } catch (ConnectException e) {
            throw new HelmFailure(HelmFailure.UNREACHABLE, "cannot connect to " + display(url) + ": "
                    + (e.getMessage() == null || e.getMessage().isBlank() ? "connection refused"
                            : RedactedUrl.scrub(e.getMessage(), url.toString())));
        } catch (IOException e) {
            throw new HelmFailure(HelmFailure.UNREACHABLE, "cannot fetch " + display(url) + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName()
                            : RedactedUrl.scrub(e.getMessage(), url.toString())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HelmFailure(HelmFailure.UNREACHABLE, "interrupted while fetching " + display(url));
        }
    }

    private byte[] read(HttpResponse<InputStream> response, URI url, long deadline, Duration timeout, int maxBytes)
            throws HelmFailure {
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        InputStream body = response.body();
        if (declared > maxBytes) {
            closeQuietly(body);
            throw tooLarge(url, maxBytes);
        }
        ScheduledFuture<?> guard = watchdog.schedule(() -> closeQuietly(body),
                Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        try (body) {
            byte[] bytes = body.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw tooLarge(url, maxBytes);
            }
            return bytes;
        } catch (IOException e) {
            if (System.nanoTime() >= deadline) {
                throw timedOut(url, timeout);
            }
            throw new HelmFailure(HelmFailure.UNREACHABLE, "download of " + display(url) + " broke off: "
                    + RedactedUrl.scrub(String.valueOf(e.getMessage()), url.toString()));
        } finally {
            guard.cancel(false);
        }
    }

    private static HelmFailure refused(int status, URI url, BasicAuth auth) {
        if (status == 401 || status == 403) {
            return new HelmFailure(HelmFailure.UNAUTHORIZED, display(url) + " answered HTTP " + status
                    + (auth == null ? ": the repository asks for credentials (spec.secretRef)"
                            : ": the username and password of secret " + auth.secret() + " were refused"));
        }
        return new HelmFailure(HelmFailure.HTTP_ERROR, display(url) + " answered HTTP " + status);
    }

    private static Duration remaining(long deadline, URI url, Duration timeout) throws HelmFailure {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw timedOut(url, timeout);
        }
        return Duration.ofNanos(left);
    }

    private static HelmFailure timedOut(URI url, Duration timeout) {
        return new HelmFailure(HelmFailure.UNREACHABLE, "fetching " + display(url) + " timed out after "
                + GoDuration.format(timeout));
    }

    private static HelmFailure tooLarge(URI url, int maxBytes) {
        return new HelmFailure(HelmFailure.TOO_LARGE, display(url) + " is larger than the limit of " + maxBytes
                + " bytes");
    }

    private static URI withoutUserInfo(URI url) {
        return url.getUserInfo() == null ? url : URI.create(RedactedUrl.of(url.toString()));
    }

    private static String display(URI url) {
        return RedactedUrl.of(url.toString());
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // nothing more to read, nothing to report
        }
    }
}
