package io.sluice.testkit.git;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Set;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * A real smart-HTTP Git server that answers only requests with the right credentials: HTTP basic
 * auth or a bearer token, as a private Git host does. Anything else gets 401 with a Basic
 * challenge. Tests seed its repositories with file:// URLs.
 */
public final class AuthGitHttpServer implements AutoCloseable {
    private final GitHttpServer server;

    private AuthGitHttpServer(GitHttpServer server) {
        this.server = server;
    }

    public static AuthGitHttpServer start(Path root, String username, String password, String bearerToken)
            throws Exception {
        Set<String> accepted = Set.of(
                "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)),
                "Bearer " + bearerToken);
        Filter auth = (request, response, chain) -> {
            String authorization = ((HttpServletRequest) request).getHeader("Authorization");
            if (authorization != null && accepted.contains(authorization)) {
                chain.doFilter(request, response);
            } else {
                HttpServletResponse challenge = (HttpServletResponse) response;
                challenge.setHeader("WWW-Authenticate", "Basic realm=\"sluice-test\"");
                challenge.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            }
        };
        return new AuthGitHttpServer(GitHttpServer.start(root, auth));
    }

    /** Creates an empty bare repository (default branch main) that takes pushes; returns its URL. */
    public String createRepository(String name) throws IOException, GitAPIException {
        return server.createRepository(name);
    }

    public String url(String name) {
        return server.url(name);
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
