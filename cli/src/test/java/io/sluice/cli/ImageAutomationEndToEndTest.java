package io.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.cli.stack.Stack;
import io.sluice.cli.stack.StackOptions;
import io.sluice.events.ImageStatus;
import io.sluice.events.Topics;
import io.sluice.events.kafka.TopicView;
import io.sluice.testkit.cluster.ClusterProvider;
import io.sluice.testkit.git.GitHttpServer;
import io.sluice.testkit.git.WorkingCopy;
import io.sluice.testkit.process.Deadline;
import io.sluice.testkit.registry.OciRegistry;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Image automation as the guide sets it up (seed §3.5), on real parts: two real registries (Debian's
 * docker-registry, one asking for a password, one sending clients to a token service), a real Git
 * server, the five services on a real Kafka broker and a real kube-apiserver. A tag pushed to a
 * registry is chosen by the 1.2.x policy, the automation commits the marked line with its templated
 * message and author (every other byte of the file unchanged), and the Deployment in the cluster runs
 * the new image without waiting for the GitRepository's interval. A wrong password and a registry that
 * is down are reported on the ImageRepository and recover when fixed.
 */
class ImageAutomationEndToEndTest {
    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    private static final Duration STEP = Duration.ofSeconds(120);
    private static final String NAMESPACE = "images-e2e";
    private static final String PASSWORD = "basic-horse-battery";
    private static final String TOKEN_PASSWORD = "token-horse-battery";
    private static final String REPOSITORY = "apps/web";

    private static Path tmp;
    private static OciRegistry basic;
    private static OciRegistry tokens;
    private static GitHttpServer git;
    private static Stack stack;
    private static TopicView<ImageStatus> statuses;
    private static ClusterProvider.Cluster cluster;

    @BeforeAll
    static void startEverything() throws Exception {
        assumeTrue(Files.isExecutable(OciRegistry.BINARY), OciRegistry.BINARY
                + " is missing: install the Debian package docker-registry to run this test");
        tmp = Files.createTempDirectory("sluice-images-e2e-");
        basic = OciRegistry.withPassword(tmp.resolve("registry-basic"), "alice", PASSWORD);
        tokens = OciRegistry.withTokens(tmp.resolve("registry-tokens"), "bob", TOKEN_PASSWORD);
        for (OciRegistry registry : List.of(basic, tokens)) {
            registry.push(REPOSITORY, "1.2.3");
            registry.push(REPOSITORY, "1.3.0");
        }
        writeLogin("basic-login", basic.address(), "alice", PASSWORD);
        writeLogin("token-login", tokens.address(), "bob", TOKEN_PASSWORD);

        git = GitHttpServer.start(tmp.resolve("git"));
        try (WorkingCopy repo = WorkingCopy.create(tmp.resolve("work"), git.createRepository("fleet"))) {
            repo.write("apps/basic.yaml", deployment("basic-web", basic.address(), "basic-web"))
                    .write("apps/tokens.yaml", deployment("token-web", tokens.address(), "token-web"))
                    .commitAndPush("two web apps at 1.2.3");
        }

        Path config = Files.createDirectories(tmp.resolve("config"));
        Files.writeString(config.resolve("fleet.yaml"), """
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: GitRepository
                metadata:
                  name: fleet
                  namespace: flux-system
                spec:
                  interval: 1h
                  url: %s
                  ref:
                    branch: main
                ---
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata:
                  name: apps
                  namespace: flux-system
                spec:
                  sourceRef:
                    kind: GitRepository
                    name: fleet
                  path: ./apps
                  interval: 1h
                  prune: true
                  targetNamespace: %s
                """.formatted(git.url("fleet"), NAMESPACE));
        Files.writeString(config.resolve("images.yaml"), images("basic-web", basic.address(), "basic-login")
                + "---\n" + images("token-web", tokens.address(), "token-login") + """
                ---
                apiVersion: image.toolkit.fluxcd.io/v1
                kind: ImageUpdateAutomation
                metadata:
                  name: fleet
                  namespace: flux-system
                spec:
                  interval: 1h
                  sourceRef:
                    kind: GitRepository
                    name: fleet
                  git:
                    checkout:
                      ref:
                        branch: main
                    commit:
                      author:
                        name: Image Bot
                        email: images@example.com
                      messageTemplate: |
                        Automated image update by {{ .AutomationObject }}

                        {{ range .Changed.Changes -}}
                        - {{ .OldValue }} -> {{ .NewValue }}
                        {{ end -}}
                    push:
                      branch: main
                  update:
                    path: ./apps
                    strategy: Setters
                """);

        String existing = System.getenv("SLUICE_TEST_KUBECONFIG");
        stack = Stack.start(new StackOptions(HOME, tmp.resolve("state"), List.of(config), tmp.resolve("secrets"),
                null, null, existing == null ? null : Path.of(existing)), new PrintStream(System.out, true));
        cluster = ClusterProvider.Cluster.of(Path.of(stack.description().kubeconfig()));
        statuses = new TopicView<>(stack.description().kafkaBootstrapServers(), Topics.IMAGE_STATUS,
                ImageStatus.class, (k, v) -> { }).start();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {statuses, stack, git, basic, tokens}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void aPushedTagIsChosenCommittedAndRunInTheClusterForBothLogins() throws Exception {
        for (OciRegistry registry : List.of(basic, tokens)) {
            String app = registry == basic ? "basic-web" : "token-web";
            String file = registry == basic ? "apps/basic.yaml" : "apps/tokens.yaml";
            String before = deployment(app, registry.address(), app);
            Deadline.until(app + " runs 1.2.3 (1.3.0 is outside the policy's 1.2.x)", STEP,
                    () -> kubectlImage(app).equals(registry.address() + "/" + REPOSITORY + ":1.2.3"));

            registry.push(REPOSITORY, "1.2.4");
            String updated = registry.address() + "/" + REPOSITORY + ":1.2.4";
            Deadline.until(app + " runs " + updated, STEP, () -> kubectlImage(app).equals(updated));

            try (Git clone = Git.cloneRepository().setURI(git.url("fleet"))
                    .setDirectory(tmp.resolve("check-" + app).toFile()).call()) {
                RevCommit commit = clone.log().setMaxCount(1).call().iterator().next();
                assertEquals("Image Bot", commit.getAuthorIdent().getName());
                assertEquals("images@example.com", commit.getAuthorIdent().getEmailAddress());
                assertEquals("Automated image update by flux-system/fleet\n\n- " + registry.address() + "/"
                        + REPOSITORY + ":1.2.3 -> " + updated + "\n", commit.getFullMessage());
                String after = Files.readString(clone.getRepository().getWorkTree().toPath().resolve(file));
                assertEquals(before.replace(":1.2.3\"", ":1.2.4\""), after,
                        "only the marked scalar changed, quoting and comments kept");
            }
        }
        String listed = cli("get", "images");
        assertTrue(listed.lines().anyMatch(line -> line.startsWith("ImagePolicy ") && line.contains("basic-web")
                && line.contains(basic.address() + "/" + REPOSITORY + ":1.2.4")), listed);
        assertTrue(listed.lines().anyMatch(line -> line.startsWith("ImageUpdateAutomation ")
                && line.contains(" on main")), listed);
    }

    @Test
    void aWrongPasswordAndARegistryThatIsDownAreReportedAndRecover() throws Exception {
        String basicId = "image.toolkit.fluxcd.io/ImageRepository/flux-system/basic-web";
        String tokenId = "image.toolkit.fluxcd.io/ImageRepository/flux-system/token-web";
        awaitStatus(basicId, "basic-web scanned", ImageStatus::ready);

        writeLogin("basic-login", basic.address(), "alice", "not-the-password");
        ImageStatus refused = awaitStatus(basicId, "basic-web refused", s -> !s.ready());
        assertTrue(refused.message().contains("authentication failed") && !refused.message()
                .contains("not-the-password"), refused.message());
        CliRun listed = CliRun.of(tmp.resolve("state"), "get", "images");
        assertTrue(listed.output().lines().anyMatch(line -> line.startsWith("ImageRepository ")
                && line.contains("basic-web") && line.contains("false") && line.contains("authentication failed")),
                listed.output());
        writeLogin("basic-login", basic.address(), "alice", PASSWORD);
        awaitStatus(basicId, "basic-web scanned again with the right password", ImageStatus::ready);

        tokens.stop();
        ImageStatus down = awaitStatus(tokenId, "token-web failing while its registry is down", s -> !s.ready());
        assertTrue(down.message().contains(tokens.address()), down.message());
        tokens.restart();
        awaitStatus(tokenId, "token-web scanned again once its registry is back", ImageStatus::ready);
    }

    private static ImageStatus awaitStatus(String id, String what, Predicate<ImageStatus> condition) {
        return Deadline.await(what, STEP, () -> {
            ImageStatus status = statuses.get(id);
            return status != null && condition.test(status) ? status : null;
        }, () -> String.valueOf(statuses.get(id)));
    }

    private static String cli(String... args) {
        return CliRun.succeeded(tmp.resolve("state"), args);
    }

    private static String kubectlImage(String deployment) {
        ClusterProvider.Kubectl result = cluster.run(null, "get", "deployment", deployment, "-n", NAMESPACE, "-o",
                "jsonpath={.spec.template.spec.containers[0].image}");
        return result.exitCode() == 0 ? result.stdout().trim() : "";
    }

    /** A docker config Secret in the secrets directory, as a kubernetes.io/dockerconfigjson Secret mounts. */
    private static void writeLogin(String secret, String registry, String user, String password) throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("secrets/flux-system").resolve(secret));
        Files.writeString(folder.resolve(".dockerconfigjson"), """
                {"auths": {"%s": {"username": "%s", "password": "%s"}}}
                """.formatted(registry, user, password));
    }

    private static String images(String name, String registry, String secret) {
        return """
                apiVersion: image.toolkit.fluxcd.io/v1beta2
                kind: ImageRepository
                metadata:
                  name: %1$s
                  namespace: flux-system
                spec:
                  image: %2$s/%3$s
                  interval: 2s
                  insecure: true
                  secretRef:
                    name: %4$s
                ---
                apiVersion: image.toolkit.fluxcd.io/v1beta2
                kind: ImagePolicy
                metadata:
                  name: %1$s
                  namespace: flux-system
                spec:
                  imageRepositoryRef:
                    name: %1$s
                  policy:
                    semver:
                      range: 1.2.x
                """.formatted(name, registry, REPOSITORY, secret);
    }

    /** A Deployment whose image is marked for {@code policy}, with comments and quoting the setter must keep. */
    private static String deployment(String name, String registry, String policy) {
        return """
                # %1$s: its image follows the 1.2.x policy (seed §3.5).
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                  labels: {app: %1$s}   # flow style stays
                spec:
                  replicas: 1
                  selector:
                    matchLabels:
                      app: %1$s
                  template:
                    metadata:
                      labels:
                        app: %1$s
                    spec:
                      containers:
                        - name: web
                          image: "%2$s/%3$s:1.2.3" # {"$imagepolicy": "flux-system:%4$s"}
                          args: ['--port', "8080"]
                """.formatted(name, registry, REPOSITORY, policy);
    }
}
