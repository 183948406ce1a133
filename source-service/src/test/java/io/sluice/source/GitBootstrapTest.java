package io.sluice.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.events.ConfigDocument;
import io.sluice.events.ConfigProblems;
import io.sluice.events.Event;
import io.sluice.events.SourceArtifact;
import io.sluice.events.Topics;
import io.sluice.testkit.git.WorkingCopy;
import io.sluice.testkit.kafka.KafkaTestResource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bootstrap configuration from Git: the service reads ./clusters/demo of the bootstrap repository
 * (SourceTestFolders) every second, as {@code flux bootstrap --path=./clusters/demo} would set it up.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(SourceTestFolders.class)
class GitBootstrapTest {
    private static final String KUSTOMIZATION = "kustomize.toolkit.fluxcd.io/Kustomization/flux-system/";
    private static WorkingCopy repo;
    private static TopicRecorder<ConfigDocument> config;
    private static TopicRecorder<ConfigProblems> problems;
    private static TopicClients topics;

    @ConfigProperty(name = "sluice.source.bootstrap.url")
    String url;
    @ConfigProperty(name = "sluice.source.config-dirs")
    Path folder;

    @BeforeAll
    static void start() throws Exception {
        repo = WorkingCopy.create(Files.createTempDirectory("sluice-bootstrap-test-"),
                ConfigProvider.getConfig().getValue("sluice.source.bootstrap.url", String.class));
        config = new TopicRecorder<>(Topics.CONFIG, ConfigDocument.class);
        problems = new TopicRecorder<>(Topics.CONFIG_PROBLEMS, ConfigProblems.class);
        topics = new TopicClients();
    }

    @AfterAll
    static void stop() {
        config.close();
        problems.close();
        topics.close();
        repo.close();
    }

    @Test
    void theDocumentsUnderThePathFollowTheBranch() throws Exception {
        String first = repo.write("clusters/demo/apps.yaml", kustomization("apps") + "---\n" + kustomization("infra"))
                .write("clusters/demo/flux-system/source.yaml", """
                        apiVersion: source.toolkit.fluxcd.io/v1
                        kind: GitRepository
                        metadata:
                          name: flux-system
                          namespace: flux-system
                        spec:
                          interval: 1s
                          url: %s
                          ref:
                            branch: main
                        """.formatted(url))
                .write("clusters/other/elsewhere.yaml", kustomization("elsewhere"))
                .write("clusters/demo/.hidden/hidden.yaml", kustomization("hidden"))
                .commitAndPush("bootstrap");

        ConfigDocument apps = config.await("apps", KUSTOMIZATION + "apps", d -> true);
        assertEquals("git:" + url + "@" + first + ":clusters/demo/apps.yaml", apps.origin());
        config.await("infra", KUSTOMIZATION + "infra", d -> true);
        String self = "source.toolkit.fluxcd.io/GitRepository/flux-system/flux-system";
        assertEquals("git:" + url + "@" + first + ":clusters/demo/flux-system/source.yaml",
                config.await("the GitRepository of the bootstrap repository itself", self, d -> true).origin());
        SourceArtifact artifact = topics.artifacts.await("the self-managed source's artifact", self,
                a -> a.revision().equals("main@sha1:" + first));
        assertEquals(200, ServiceHttp.get(artifact.url()).statusCode());
        assertTrue(config.values(KUSTOMIZATION + "elsewhere").isEmpty(), "outside the path");
        assertTrue(config.values(KUSTOMIZATION + "hidden").isEmpty(), "a hidden folder");

        repo.write("clusters/demo/apps.yaml", kustomization("apps")).commitAndPush("infra goes");
        config.awaitTombstone(KUSTOMIZATION + "infra");
        assertEquals(1, config.values(KUSTOMIZATION + "apps").size(), "an unchanged document is not published again");

        repo.write("clusters/demo/broken.yaml", kustomization("fixed-later").replace("    name: k8s-manifests\n", ""))
                .write("clusters/demo/apps.yaml", kustomization("apps").replace("5m", "7m"))
                .commitAndPush("a broken document");
        Event invalid = topics.events.await("the invalid document", KUSTOMIZATION + "fixed-later",
                e -> e.reason().equals("ConfigInvalid"));
        assertTrue(invalid.message().endsWith(":clusters/demo/broken.yaml:1 (document 1): Kustomization"
                + " flux-system/fixed-later: spec.sourceRef.name is required"), invalid.message());
        assertEquals(List.of(invalid.message()), problems.await("the invalid document's problems",
                KUSTOMIZATION + "fixed-later", p -> true).errors());
        config.await("the valid document of the same commit", KUSTOMIZATION + "apps",
                d -> d.document().toString().contains("interval=7m"));

        String broken = repo.write("clusters/demo/apps.yaml", "apiVersion: [unclosed\n").commitAndPush("bad YAML");
        topics.events.await("the unreadable file", "/ConfigFile//git:" + url + "@" + broken + ":clusters/demo/apps.yaml",
                e -> e.message().contains("invalid YAML"));
        // The file's record is keyed without the commit, so that each commit does not add one.
        String fileKey = ConfigProblems.fileKey("git:" + url + "@:clusters/demo/apps.yaml");
        assertEquals("git:" + url + "@" + broken + ":clusters/demo/apps.yaml",
                problems.await("the unreadable file's problems", fileKey, p -> true).origin());
        repo.write("clusters/demo/apps.yaml", kustomization("apps").replace("5m", "7m"))
                .write("clusters/demo/later.yaml", kustomization("later")).commitAndPush("fixed");
        config.await("a document of the commit after", KUSTOMIZATION + "later", d -> true);
        problems.awaitTombstone(fileKey);
        assertEquals(1, problems.values(KUSTOMIZATION + "fixed-later").size(), "a later commit with the same problem"
                + " publishes nothing again");
        assertFalse(config.hasTombstone(KUSTOMIZATION + "apps"), "a broken file keeps its last good documents");
        assertEquals(2, config.values(KUSTOMIZATION + "apps").size(), "the fixed file's document is unchanged");
    }

    @Test
    void configFoldersAndTheBootstrapLeaveEachOthersDocumentsAlone() throws Exception {
        ConfigYaml.write(folder.resolve("folder-owned.yaml"), kustomization("folder-owned"));
        repo.write("clusters/demo/git-owned.yaml", kustomization("git-owned")).commitAndPush("git-owned");
        config.await("the folder's document", KUSTOMIZATION + "folder-owned", d -> true);
        config.await("the bootstrap's document", KUSTOMIZATION + "git-owned", d -> d.origin().startsWith("git:"));

        Files.delete(folder.resolve("folder-owned.yaml"));
        config.awaitTombstone(KUSTOMIZATION + "folder-owned");
        ConfigYaml.write(folder.resolve("folder-stays.yaml"), kustomization("folder-stays"));
        config.await("a folder document of a later rescan", KUSTOMIZATION + "folder-stays", d -> true);
        assertFalse(config.hasTombstone(KUSTOMIZATION + "git-owned"), "the folders leave the bootstrap's documents");

        repo.delete("clusters/demo/git-owned.yaml").write("clusters/demo/git-later.yaml", kustomization("git-later"))
                .commitAndPush("git-owned goes");
        config.awaitTombstone(KUSTOMIZATION + "git-owned");
        config.await("the bootstrap's next document", KUSTOMIZATION + "git-later", d -> true);
        assertFalse(config.hasTombstone(KUSTOMIZATION + "folder-stays"), "the bootstrap leaves the folders' documents");
        Files.delete(folder.resolve("folder-stays.yaml"));
    }

    private static String kustomization(String name) {
        return ConfigYaml.kustomization(name, "./apps");
    }
}
