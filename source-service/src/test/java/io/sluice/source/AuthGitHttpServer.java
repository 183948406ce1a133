package io.sluice.source;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.transport.resolver.FileResolver;

/**
 * A real smart-HTTP Git server (JGit's GitServlet on Jetty) that answers only requests with the
 * right credentials: HTTP basic auth or a bearer token, as a private Git host does. Anything else
 * gets 401 with a Basic challenge. Tests push into its folders with file:// URLs.
 */
final class AuthGitHttpServer implements AutoCloseable {
    private final Server server;
    private final int port;

    private AuthGitHttpServer(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    static AuthGitHttpServer start(Path root, String username, String password, String bearerToken) throws Exception {
        Files.createDirectories(root);
        Set<String> accepted = Set.of(
                "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)),
                "Bearer " + bearerToken);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
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
        context.addFilter(new FilterHolder(auth), "/*", EnumSet.of(DispatcherType.REQUEST));
        GitServlet servlet = new GitServlet();
        servlet.setRepositoryResolver(new FileResolver<>(root.toFile(), true));
        context.addServlet(new ServletHolder(servlet), "/git/*");
        server.setHandler(context);
        server.start();
        return new AuthGitHttpServer(server, connector.getLocalPort());
    }

    String url(String name) {
        return "http://127.0.0.1:" + port + "/git/" + name + ".git";
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
