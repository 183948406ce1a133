package io.sluice.source;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.transport.resolver.FileResolver;

/**
 * A real smart-HTTP Git server (JGit's GitServlet on Jetty) serving the bare repositories under a
 * folder at {@code /git/<name>.git}, every request passing a servlet filter first: what a test
 * needs to check credentials or count requests. Tests push into its folders with file:// URLs.
 */
final class FilteredGitHttpServer implements AutoCloseable {
    private final Server server;
    private final int port;

    private FilteredGitHttpServer(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    static FilteredGitHttpServer start(Path root, Filter filter) throws Exception {
        Files.createDirectories(root);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        GitServlet servlet = new GitServlet();
        servlet.setRepositoryResolver(new FileResolver<>(root.toFile(), true));
        context.addServlet(new ServletHolder(servlet), "/git/*");
        server.setHandler(context);
        server.start();
        return new FilteredGitHttpServer(server, connector.getLocalPort());
    }

    String url(String name) {
        return "http://127.0.0.1:" + port + "/git/" + name + ".git";
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
