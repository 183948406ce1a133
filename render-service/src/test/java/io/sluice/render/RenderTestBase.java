package io.sluice.render;

import io.sluice.events.RenderedBundle;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** What every render test needs: an artifact server and the topics, shared by the tests of a class. */
abstract class RenderTestBase {
    static ArtifactServer server;
    static RenderTopics topics;

    @BeforeAll
    static void startServerAndTopics() {
        server = new ArtifactServer();
        topics = new RenderTopics();
    }

    /**
     * Publishes a Kustomization {@code name} of folder {@code path} in the GitRepository
     * "{@code name}-repo", then its artifact at revision "main@sha1:{@code name}", and waits for the bundle.
     */
    static RenderedBundle render(String name, String path, Map<String, Object> moreSpec, byte[] artifact) {
        String appId = topics.kustomization(name, name + "-repo", path, moreSpec);
        topics.artifact(server.serve(RenderTopics.sourceId(name + "-repo"), "main@sha1:" + name, artifact));
        return topics.bundle(appId, "main@sha1:" + name);
    }

    @AfterAll
    static void stopServerAndTopics() {
        topics.close();
        server.close();
    }
}
