package io.sluice.source;

import io.sluice.testkit.git.GitHttpServer;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * A real smart-HTTP Git server that counts, per repository, what clients ask of it: every
 * ls-remote and every fetch starts with one {@code GET info/refs?service=git-upload-pack}, and
 * then POSTs to {@code git-upload-pack} (protocol v2 lists refs that way too; a fetch sends its
 * want/have negotiation there).
 */
final class CountingGitHttpServer implements AutoCloseable {
    private final GitHttpServer server;
    private final Path root;
    private final Map<String, AtomicInteger> counts;

    private CountingGitHttpServer(GitHttpServer server, Path root, Map<String, AtomicInteger> counts) {
        this.server = server;
        this.root = root;
        this.counts = counts;
    }

    static CountingGitHttpServer start(Path root) throws Exception {
        Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
        Filter counter = (request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            String path = http.getRequestURI();
            String kind = path.endsWith("/info/refs") ? "GET info/refs" : path.endsWith("/git-upload-pack")
                    ? "POST git-upload-pack" : "other";
            counts.computeIfAbsent(path.replaceAll("^/git/([^/]+)\\.git/.*$", "$1") + " " + kind,
                    key -> new AtomicInteger()).incrementAndGet();
            chain.doFilter(request, response);
        };
        return new CountingGitHttpServer(GitHttpServer.start(root, counter), root, counts);
    }

    /** Creates an empty bare repository (default branch main); returns the file:// URL tests push to. */
    String createRepository(String name) throws GitAPIException {
        Path dir = root.resolve(name + ".git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(dir.toFile()).call().close();
        return dir.toUri().toString();
    }

    String url(String name) {
        return server.url(name);
    }

    /** ls-remotes plus fetches of the repository so far: each opens with one GET of info/refs. */
    int sessions(String name) {
        return count(name, "GET info/refs");
    }

    /** POSTs to the repository's git-upload-pack so far. */
    int uploadPackPosts(String name) {
        return count(name, "POST git-upload-pack");
    }

    private int count(String name, String kind) {
        AtomicInteger count = counts.get(name + " " + kind);
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
