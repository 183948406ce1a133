package io.sluice.testkit.git;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.transport.resolver.FileResolver;

/**
 * A real Git server over smart HTTP (JGit's GitServlet on Jetty), serving every bare repository
 * under a folder at {@code http://127.0.0.1:<port>/git/<name>.git}. A servlet filter may see each
 * request first: what a test needs to check credentials or count requests.
 */
public final class GitHttpServer implements AutoCloseable {
    private final Server server;
    private final Path root;
    private final int port;

    private GitHttpServer(Server server, Path root, int port) {
        this.server = server;
        this.root = root;
        this.port = port;
    }

    public static GitHttpServer start(Path root) throws Exception {
        return start(root, null);
    }

    /** A server whose every request passes {@code filter} (null: none) before Git sees it. */
    public static GitHttpServer start(Path root, Filter filter) throws Exception {
        Files.createDirectories(root);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        GitServlet servlet = new GitServlet();
        servlet.setRepositoryResolver(new FileResolver<>(root.toFile(), true));
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        if (filter != null) {
            context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        ServletHolder holder = new ServletHolder(servlet);
        holder.setInitParameter("export-all", "true");
        context.addServlet(holder, "/git/*");
        server.setHandler(context);
        server.start();
        return new GitHttpServer(server, root, connector.getLocalPort());
    }

    /** Creates an empty bare repository whose default branch is main, and returns its clone URL. */
    public String createRepository(String name) throws IOException, GitAPIException {
        Path dir = root.resolve(name + ".git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(dir.toFile()).call().close();
        // A push over HTTP needs receive-pack enabled on the repository.
        try (Git git = Git.open(dir.toFile())) {
            var config = git.getRepository().getConfig();
            config.setBoolean("http", null, "receivepack", true);
            config.save();
        }
        return url(name);
    }

    public String url(String name) {
        return "http://127.0.0.1:" + port + "/git/" + name + ".git";
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
