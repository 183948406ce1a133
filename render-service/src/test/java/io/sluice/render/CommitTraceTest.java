package io.sluice.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.api.argo.ArgoSourceIds;
import io.sluice.events.CommitTrace;
import io.sluice.events.RenderedBundle;
import io.sluice.events.SourceArtifact;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.process.Deadline;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * One trace per commit: the bundle of a revision new for an application carries the trace of the
 * artifact it was rendered from, under a render span of the same trace, with the time it was published;
 * a render for another reason carries none.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class CommitTraceTest extends RenderTestBase {

    @Test
    void aNewRevisionsBundleCarriesItsCommitsTraceAndARerenderForTheSpecNone() {
        byte[] files = new TarGz().file("app/settings.yaml", Manifests.configMap("settings"))
                .file("other/settings.yaml", Manifests.configMap("other")).bytes();
        String appId = topics.kustomization("traced", "traced-repo", "./app");
        CommitTrace commit = sourcedCommit();
        topics.artifact(server.serve(RenderTopics.sourceId("traced-repo"), "main@sha1:t1", files).withTrace(commit));
        RenderedBundle first = topics.bundle(appId, "main@sha1:t1");

        assertFromCommit(commit, first);

        // The spec changes, the revision does not: the new bundle belongs to no commit.
        topics.kustomization("traced", "traced-repo", "./other");
        RenderedBundle respecified = Deadline.await("the bundle of ./other", RenderTopics.WAIT, () -> topics
                .bundles(appId).stream().filter(bundle -> Manifests.names(bundle).equals(List.of("ConfigMap/other")))
                .findFirst().orElse(null), () -> topics.bundles(appId).toString());
        assertEquals("main@sha1:t1", respecified.revision());
        assertNull(respecified.trace());

        CommitTrace next = sourcedCommit();
        byte[] changed = new TarGz().file("other/settings.yaml", Manifests.configMap("other-2")).bytes();
        topics.artifact(server.serve(RenderTopics.sourceId("traced-repo"), "main@sha1:t2", changed).withTrace(next));
        assertFromCommit(next, topics.bundle(appId, "main@sha1:t2"));
    }

    /** An Argo CD Application of two sources takes the trace of the source whose revision changed. */
    @Test
    void aMultiSourceApplicationTakesTheTraceOfTheSourceThatChanged() {
        String first = "https://git.example/org/traced-one.git";
        String second = "https://git.example/org/traced-two.git";
        String appId = topics.argoApplication("traced-multi", Map.of("project", "default", "sources", List.of(
                Map.of("repoURL", first, "targetRevision", "main", "path", "one"),
                Map.of("repoURL", second, "targetRevision", "main", "path", "two")),
                "destination", Map.of("server", "https://kubernetes.default.svc", "namespace", "shop")));
        CommitTrace firstCommit = sourcedCommit();
        CommitTrace secondCommit = sourcedCommit();
        topics.artifact(artifact(first, "main@sha1:one-1", "one", "a").withTrace(firstCommit));
        topics.artifact(artifact(second, "main@sha1:two-1", "two", "b").withTrace(secondCommit));
        // Both revisions are new for it: the first source's commit, in the Application's order.
        assertFromCommit(firstCommit, topics.bundle(appId, "main@sha1:one-1, main@sha1:two-1"));

        CommitTrace change = sourcedCommit();
        topics.artifact(artifact(second, "main@sha1:two-2", "two", "b-2").withTrace(change));
        assertFromCommit(change, topics.bundle(appId, "main@sha1:one-1, main@sha1:two-2"));
    }

    private static SourceArtifact artifact(String repoUrl, String revision, String folder, String configMap) {
        return server.serve(ArgoSourceIds.gitSource(repoUrl, "main").orElseThrow().id(), revision,
                new TarGz().file(folder + "/settings.yaml", Manifests.configMap(configMap)).bytes());
    }

    /** A commit as source-service traces it: arrived by webhook or poll, its artifact published a little later. */
    private static CommitTrace sourcedCommit() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String traceparent = "00-" + HexFormat.of().formatHex(bytes(random, 16)) + "-"
                + HexFormat.of().formatHex(bytes(random, 8)) + "-01";
        // Published now (not later: the render must not seem to end before its artifact was published).
        Instant sourced = Instant.now();
        return CommitTrace.arrived(traceparent, sourced.minusMillis(120)).sourced(sourced);
    }

    private static byte[] bytes(ThreadLocalRandom random, int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private static void assertFromCommit(CommitTrace commit, RenderedBundle bundle) {
        CommitTrace trace = bundle.trace();
        assertNotNull(trace, "the bundle of " + bundle.revision() + " carries its commit's trace");
        assertEquals(commit.arrived(), trace.arrived());
        assertEquals(commit.sourced(), trace.sourced());
        assertNotNull(trace.rendered());
        assertFalse(trace.rendered().isBefore(trace.sourced()), trace.summary());
        assertNull(trace.applied());
        String[] parent = commit.traceparent().split("-");
        String[] render = trace.traceparent().split("-");
        assertEquals(parent[1], render[1], "the render span is in the commit's trace");
        assertNotEquals(parent[2], render[2], "the bundle names the render span, a child of the artifact's");
    }
}
