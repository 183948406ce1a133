package io.sluice.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.testkit.git.GitHttpServer;
import io.sluice.testkit.git.WorkingCopy;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHttpServerTest {
    @Test
    void pushedCommitsAreVisibleOverSmartHttp(@TempDir Path tmp) throws Exception {
        try (GitHttpServer server = GitHttpServer.start(tmp.resolve("repos"));
                WorkingCopy copy = WorkingCopy.create(tmp.resolve("work"), server.createRepository("demo"))) {
            String sha = copy.write("apps/cm.yaml", "kind: ConfigMap\n").commitAndPush("first");
            var refs = Git.lsRemoteRepository().setRemote(server.url("demo")).setHeads(true).call();
            assertEquals(sha, refs.stream().filter(r -> r.getName().equals("refs/heads/main"))
                    .map(Ref::getObjectId).findFirst().orElseThrow().getName());
        }
    }
}
