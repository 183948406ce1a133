package io.sluice.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.api.status.Reasons;
import io.sluice.events.Event;
import io.sluice.events.ImageCommand;
import io.sluice.events.ImageLatest;
import io.sluice.events.ImageStatus;
import io.sluice.events.SourceCommand;
import io.sluice.events.Topics;
import io.sluice.events.kafka.Publisher;
import io.sluice.events.kafka.TopicView;
import io.sluice.testkit.git.GitHttpServer;
import io.sluice.testkit.git.WorkingCopy;
import io.sluice.testkit.kafka.KafkaBroker;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.process.Deadline;
import io.sluice.testkit.registry.OciRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ImagePolicies and an ImageUpdateAutomation on a real registry, a real Git server and the real
 * broker: the policy's choice, the commit pushed and the reconcile it asks of source-service; and
 * what goes wrong, each reported on the automation's status and recovering once fixed: a marker that
 * names no policy (file and line), a template that cannot run (named), a push the server rejects as
 * not a fast-forward (another commit landed between the checkout and the push).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ImageAutomationTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String AUTOMATION_ID = "image.toolkit.fluxcd.io/ImageUpdateAutomation/flux-system/apps";
    private static final String POLICY_ID = "image.toolkit.fluxcd.io/ImagePolicy/flux-system/web";
    private static final String SOURCE_ID = "source.toolkit.fluxcd.io/GitRepository/flux-system/apps";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** While set, the next push is preceded by someone else's commit (the server's refs move on under it). */
    private static final AtomicBoolean RACE_NEXT_PUSH = new AtomicBoolean();

    private static Path tmp;
    private static OciRegistry registry;
    private static GitHttpServer git;
    private static Publisher publisher;
    private static TopicView<ImageStatus> statuses;
    private static TopicView<ImageLatest> latest;
    private static TopicView<SourceCommand> commands;
    private static final List<Event> EVENTS = new CopyOnWriteArrayList<>();
    private static TopicView<Event> events;

    @TestHTTPResource("/")
    URI service;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(OciRegistry.BINARY), OciRegistry.BINARY
                + " is missing: install the Debian package docker-registry to run this test");
        tmp = Files.createTempDirectory("sluice-image-automation-");
        registry = OciRegistry.start(tmp.resolve("registry"));
        registry.push("team/web", "1.0.0");
        registry.push("team/web", "2.0.0");
        git = GitHttpServer.start(tmp.resolve("git"), raceFilter());
        try (WorkingCopy repo = WorkingCopy.create(tmp.resolve("work"), git.createRepository("apps"))) {
            repo.write("deploy/web.yaml", """
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: web
                    spec:
                      template:
                        spec:
                          containers:
                            - name: web
                              image: %s/team/web:0.9.0 # {"$imagepolicy": "flux-system:web"}
                    """.formatted(registry.address()))
                    .write("deploy/other.yaml", """
                            apiVersion: v1
                            kind: ConfigMap
                            metadata:
                              name: other
                            data:
                              image: old # {"$imagepolicy": "flux-system:no-such-policy:tag"}
                            """)
                    .commitAndPush("web at 0.9.0");
        }
        String bootstrap = KafkaBroker.shared().bootstrapServers();
        publisher = new Publisher(bootstrap);
        statuses = new TopicView<>(bootstrap, Topics.IMAGE_STATUS, ImageStatus.class, (k, v) -> { }).start();
        latest = new TopicView<>(bootstrap, Topics.IMAGE_POLICIES, ImageLatest.class, (k, v) -> { }).start();
        commands = new TopicView<>(bootstrap, Topics.SOURCE_COMMANDS, SourceCommand.class, (k, v) -> { }).start();
        events = new TopicView<>(bootstrap, Topics.EVENTS, Event.class, (k, e) -> EVENTS.add(e)).start();
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {events, commands, latest, statuses, publisher, git,
            registry}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void theChosenTagIsCommittedPushedAndFetchedAtOnceAndWhatGoesWrongIsReportedUntilFixed() throws Exception {
        ConfigDocuments.publish(publisher, "flux-system", "source.toolkit.fluxcd.io/v1", "GitRepository", "apps", """
                interval: 1h
                url: %s
                ref: {branch: main}
                """.formatted(git.url("apps")));
        publishImage("image.toolkit.fluxcd.io/v1beta2", "ImageRepository", "web", """
                image: %s/team/web
                interval: 1s
                insecure: true
                """.formatted(registry.address()));
        publishImage("image.toolkit.fluxcd.io/v1beta2", "ImagePolicy", "web", """
                imageRepositoryRef: {name: web}
                policy:
                  semver: {range: "~1.0"}
                """);
        // A template that cannot run: its status names it, and nothing is pushed.
        publishImage("image.toolkit.fluxcd.io/v1", "ImageUpdateAutomation", "apps", automation("{{ .Nope }}"));

        ImageLatest chosen = Deadline.await("the policy chooses 1.0.0 (2.0.0 is outside ~1.0)", WAIT,
                () -> latest.get(POLICY_ID), () -> String.valueOf(statuses.get(POLICY_ID)));
        assertEquals("1.0.0", chosen.tag());
        assertEquals(registry.address() + "/team/web", chosen.image());
        ImageStatus broken = awaitStatus("the template error", s -> Reasons.INVALID_TEMPLATE.equals(s.reason()));
        assertTrue(broken.message().contains("spec.git.commit.messageTemplate") && !broken.ready(), broken.message());
        assertEquals("web at 0.9.0", lastCommit().getShortMessage(), "nothing pushed");

        // Fixed: the change is committed with the message and author, pushed, and fetched at once.
        publishImage("image.toolkit.fluxcd.io/v1", "ImageUpdateAutomation", "apps",
                automation("{{ range .Changed.Changes }}{{ .OldValue }} -> {{ .NewValue }}{{ end }}"));
        ImageStatus pushed = awaitStatus("the first push", s -> s.lastPush() != null);
        RevCommit commit = lastCommit();
        assertEquals(pushed.lastPush().commit(), commit.getName());
        assertEquals(registry.address() + "/team/web:0.9.0 -> " + registry.address() + "/team/web:1.0.0",
                commit.getFullMessage());
        assertEquals("Image Bot <images@example.com>", commit.getAuthorIdent().getName() + " <"
                + commit.getAuthorIdent().getEmailAddress() + ">");
        Deadline.until("a reconcile of the GitRepository asked of source-service", WAIT,
                () -> commands.get(SOURCE_ID) != null && "image-service".equals(commands.get(SOURCE_ID).requestedBy()));
        Deadline.until("the marker naming no policy reported by file and line", WAIT, () -> EVENTS.stream()
                .anyMatch(e -> e.reason().equals(Reasons.INVALID_MARKER) && e.message().contains("other.yaml:6")
                        && e.message().contains("no-such-policy")));

        // `sluice image diff` asks this: nothing more to change now.
        assertEquals("", diff().lines().filter(line -> !line.startsWith("#")).reduce("", String::concat));

        // A push that is not a fast-forward (someone else's commit landed first): reported, nothing lost,
        // and the next run (the next tag) builds on the new remote state.
        RACE_NEXT_PUSH.set(true);
        registry.push("team/web", "1.0.1");
        ImageStatus rejected = awaitStatus("the rejected push", s -> Reasons.PUSH_REJECTED.equals(s.reason()));
        assertTrue(rejected.message().contains("main") && !rejected.ready(), rejected.message());
        String pending = diff();
        assertTrue(pending.lines().anyMatch(line -> line.startsWith("+") && line.contains("/team/web:1.0.1")),
                "the change is still to be made: " + pending);
        publisher.send(Topics.IMAGE_COMMANDS, AUTOMATION_ID, ImageCommand.reconcile(AUTOMATION_ID, "test",
                Instant.now()));
        ImageStatus recovered = awaitStatus("the push after the race", s -> s.ready() && s.lastPush() != null
                && !s.lastPush().commit().equals(pushed.lastPush().commit()));
        RevCommit next = lastCommit();
        assertEquals(recovered.lastPush().commit(), next.getName());
        assertEquals("someone else's commit", next.getParent(0).getShortMessage(), next.getParents().toString());
    }

    @Test
    void aTemplatedPushBranchProposesEachUpdateOnABranchOfItsOwn() throws Exception {
        registry.push("team/api", "2.0.0");
        try (WorkingCopy repo = WorkingCopy.create(tmp.resolve("proposals-work"), git.createRepository("proposals"))) {
            repo.write("deploy/api.yaml", """
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: api
                    data:
                      tag: "1.0.0" # {"$imagepolicy": "flux-system:api:tag"}
                    """).commitAndPush("api at 1.0.0");
        }
        ConfigDocuments.publish(publisher, "flux-system", "source.toolkit.fluxcd.io/v1", "GitRepository", "proposals",
                "interval: 1h\nurl: " + git.url("proposals") + "\nref: {branch: main}\n");
        publishImage("image.toolkit.fluxcd.io/v1beta2", "ImageRepository", "api",
                "image: " + registry.address() + "/team/api\ninterval: 1s\ninsecure: true\n");
        publishImage("image.toolkit.fluxcd.io/v1beta2", "ImagePolicy", "api", """
                imageRepositoryRef: {name: api}
                policy: {semver: {range: '>=2.0.0'}}
                """);
        publishImage("image.toolkit.fluxcd.io/v1", "ImageUpdateAutomation", "proposals", """
                interval: 1h
                sourceRef: {kind: GitRepository, name: proposals}
                git:
                  checkout: {ref: {branch: main}}
                  commit:
                    author: {name: Image Bot, email: images@example.com}
                  push: {branch: 'image-updates/api-{{ range .Changed.Changes }}{{ .NewValue }}{{ end }}'}
                update: {path: ./deploy}
                """);
        String id = "image.toolkit.fluxcd.io/ImageUpdateAutomation/flux-system/proposals";
        Deadline.until("2.0.0 proposed on a branch of its own", WAIT, () -> statuses.get(id) != null
                && statuses.get(id).lastPush() != null
                && "image-updates/api-2.0.0".equals(statuses.get(id).lastPush().branch()));

        registry.push("team/api", "2.1.0");
        Deadline.until("2.1.0 proposed on another branch", WAIT, () -> statuses.get(id) != null
                && statuses.get(id).lastPush() != null
                && "image-updates/api-2.1.0".equals(statuses.get(id).lastPush().branch()));
        Map<String, Ref> branches = Git.lsRemoteRepository().setRemote(git.url("proposals")).setHeads(true)
                .callAsMap();
        assertTrue(branches.containsKey("refs/heads/image-updates/api-2.0.0")
                && branches.containsKey("refs/heads/image-updates/api-2.1.0"), branches.keySet().toString());
        Path main = Files.createTempDirectory(tmp, "proposals-main-");
        try (Git clone = Git.cloneRepository().setURI(git.url("proposals")).setDirectory(main.toFile()).call()) {
            assertEquals("api at 1.0.0", clone.log().setMaxCount(1).call().iterator().next().getShortMessage(),
                    "main is left for the pull requests to change");
        }
    }

    private static void publishImage(String apiVersion, String kind, String name, String spec) throws Exception {
        ConfigDocuments.publish(publisher, "flux-system", apiVersion, kind, name, spec);
    }

    private static String automation(String template) {
        return """
                interval: 1h
                sourceRef: {kind: GitRepository, name: apps}
                git:
                  checkout: {ref: {branch: main}}
                  commit:
                    author: {name: Image Bot, email: images@example.com}
                    messageTemplate: '%s'
                  push: {branch: main}
                update: {path: ./deploy, strategy: Setters}
                """.formatted(template);
    }

    private String diff() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(service.resolve(
                "/api/automations/flux-system/apps/diff")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static ImageStatus awaitStatus(String what, Predicate<ImageStatus> condition) {
        return Deadline.await(what, WAIT, () -> {
            ImageStatus status = statuses.get(AUTOMATION_ID);
            return status != null && condition.test(status) ? status : null;
        }, () -> String.valueOf(statuses.get(AUTOMATION_ID)));
    }

    private static RevCommit lastCommit() throws Exception {
        Path clone = Files.createTempDirectory(tmp, "clone-");
        try (Git repository = Git.cloneRepository().setURI(git.url("apps")).setDirectory(clone.toFile()).call()) {
            RevCommit head = repository.log().setMaxCount(1).call().iterator().next();
            assertNotNull(head);
            return head;
        }
    }


    /**
     * Lets every request through; when {@link #RACE_NEXT_PUSH} is set, a push's first request (the
     * receive-pack advertisement) is preceded by another commit on main, so the pusher's commit is no
     * longer a fast-forward of what the server has.
     */
    private static Filter raceFilter() {
        return (request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            if ("git-receive-pack".equals(http.getParameter("service")) && RACE_NEXT_PUSH.compareAndSet(true, false)) {
                try (Git other = Git.cloneRepository().setURI(tmp.resolve("git/apps.git").toUri().toString())
                        .setDirectory(Files.createTempDirectory(tmp, "other-").toFile()).call()) {
                    Files.writeString(other.getRepository().getWorkTree().toPath().resolve("README.md"),
                            "someone else was here\n");
                    other.add().addFilepattern("README.md").call();
                    other.commit().setMessage("someone else's commit").setAuthor("Someone", "someone@example.com")
                            .setCommitter("Someone", "someone@example.com").call();
                    other.push().call();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            chain.doFilter(request, response);
        };
    }
}
