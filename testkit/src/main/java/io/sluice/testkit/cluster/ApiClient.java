package io.sluice.testkit.cluster;

import io.sluice.testkit.process.ChildProcess;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The few API calls {@link LocalControlPlane} makes while starting: it trusts the API server's
 * self-signed certificate (it checks none, nor the host name) and sends the admin token.
 */
final class ApiClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final HttpClient http;
    private final String server;
    private final String token;

    ApiClient(String server, String token) {
        this.server = server;
        this.token = token;
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustEverything()}, new SecureRandom());
            this.http = HttpClient.newBuilder().sslContext(context).connectTimeout(TIMEOUT).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path) throws IOException {
        return send(request(path).GET().build());
    }

    HttpResponse<String> post(String path, String json) throws IOException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /**
     * Polls GET {@code path} every 100 ms until {@code ready} accepts the answer. Fails at once
     * when one of {@code processes} has exited, and at {@code deadline} (a {@link System#nanoTime()})
     * with the last answer and the end of the log of {@code blame}.
     */
    void await(String path, Predicate<HttpResponse<String>> ready, long deadline, List<ChildProcess> processes,
            ChildProcess blame) throws IOException {
        String last = "no answer";
        while (true) {
            for (ChildProcess p : processes) {
                if (!p.isAlive()) {
                    throw new IOException(p.name() + " exited during start-up; last lines of " + p.log() + ":\n"
                            + p.logTail(40));
                }
            }
            try {
                HttpResponse<String> response = get(path);
                if (ready.test(response)) {
                    return;
                }
                last = "HTTP " + response.statusCode() + ": " + abbreviate(response.body().strip());
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                last = e.toString();
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("Kubernetes control plane not ready in time: GET " + server + path + " gave "
                        + last + "; last lines of " + blame.log() + ":\n" + blame.logTail(40));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for " + server + path);
            }
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server + path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted: " + request.method() + " " + request.uri());
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }

    /** Trusts any certificate and skips host name checks: only for the local, self-signed API server. */
    private static final class TrustEverything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
