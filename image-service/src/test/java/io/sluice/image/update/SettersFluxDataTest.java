package io.sluice.image.update;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The setters against image-automation-controller's own test data and expectations, commit
 * d36e2ea07a3973a0e8ace7678d933a89b76f9dda: {@code internal/update/update_test.go} (TestUpdateWithSetters:
 * the files written and the Result) and {@code internal/policy/applier_test.go} (Test_applyPolicies: one
 * policy, several policies, an update path). The data are copied under {@code flux-setters/}.
 */
class SettersFluxDataTest {
    private static final String DIGEST = "sha256:6745aaad46d795c9836632e1fb62f24b7e7f4c843144da8e47a5465c411a14be";
    private static final ObjectId KUSTOMIZATION = new ObjectId("kustomize.config.k8s.io/v1beta1", "Kustomization", "", "");
    private static final ObjectId CRONJOB = new ObjectId("batch/v1beta1", "CronJob", "foo", "bar");

    @Test
    void updateWithSettersWritesTheExpectedFilesAndResult(@TempDir Path dir) throws IOException {
        Path root = FluxTestData.copy("update/testdata/setters/original", dir, null);
        Map<String, LatestImage> policies = Map.of(
                "automation-ns:policy", new LatestImage("index.repo.fake/updated", "v1.0.1", null),
                "automation-ns:unchanged", new LatestImage("image", "v1.0.0", null),
                "automation-ns:policy-with-digest", new LatestImage("image", "v1.0.0", DIGEST));

        SetterResult result = Setters.plan(root, policies);
        result.write(root);

        Path expected = FluxTestData.resource("update/testdata/setters/expected");
        Path original = FluxTestData.resource("update/testdata/setters/original");
        try (Stream<Path> files = Files.list(original)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                Path want = Files.exists(expected.resolve(name)) ? expected.resolve(name) : file;
                assertEquals(FluxTestData.read(want), FluxTestData.read(root.resolve(name)), name);
            }
        }
        Map<String, Map<ObjectId, List<Changed.Change>>> fileChanges = Map.of(
                "kustomization.yml", Map.of(KUSTOMIZATION, List.of(
                        new Changed.Change("replaced", "index.repo.fake/updated", "automation-ns:policy:name"),
                        new Changed.Change("v1", "v1.0.1", "automation-ns:policy:tag"),
                        new Changed.Change("sha256:1234567890abcdef", DIGEST, "automation-ns:policy-with-digest:digest"),
                        new Changed.Change("image", "image:v1.0.0@" + DIGEST, "automation-ns:policy-with-digest"))),
                "Kustomization", Map.of(KUSTOMIZATION, List.of(
                        new Changed.Change("replaced", "index.repo.fake/updated", "automation-ns:policy:name"),
                        new Changed.Change("v1", "v1.0.1", "automation-ns:policy:tag"))),
                "marked.yaml", Map.of(CRONJOB, List.of(
                        new Changed.Change("image:v1.0.0", "index.repo.fake/updated:v1.0.1", "automation-ns:policy"))));
        assertEquals(fileChanges, result.changed().fileChanges());
        // Flux ignores the marker of a policy it does not have; Sluice says so
        assertEquals(List.of("otherns.yaml:11: the marker names the image policy other-namespace:policy, "
                + "which does not exist or has not chosen an image yet"), result.problems().stream().map(Object::toString).toList());
    }

    @Test
    void applyPoliciesUpdatesTheMarkedFieldWithOneOrSeveralPolicies(@TempDir Path dir) throws IOException {
        for (String target : List.of("policy1", "policy2")) {
            Path root = FluxTestData.copy("policy/testdata/appconfig", dir.resolve(target), marker("test-ns", target));
            Map<String, LatestImage> policies = target.equals("policy1")
                    ? Map.of("test-ns:policy1", new LatestImage("helloworld", "1.0.1", null))
                    : Map.of("test-ns:policy1", new LatestImage("foo", "1.1.1", null),
                            "test-ns:policy2", new LatestImage("helloworld", "1.0.1", null),
                            "test-ns:policy3", new LatestImage("bar", "2.2.2", null));
            Setters.plan(root, policies).write(root);
            String expected = FluxTestData.read(FluxTestData.resource("policy/testdata/appconfig-setters-expected/deploy.yaml"))
                    .replace("SETTER_SITE", marker("test-ns", target));
            assertEquals(expected, FluxTestData.read(root.resolve("deploy.yaml")));
        }
    }

    @Test
    void anUpdatePathLimitsTheFilesChanged(@TempDir Path dir) throws IOException {
        Path root = FluxTestData.copy("policy/testdata/pathconfig", dir, marker("test-ns", "policy1"));
        SetterResult result = Setters.plan(root.resolve("yes"), Map.of("test-ns:policy1", new LatestImage("helloworld", "1.0.1", null)));
        result.write(root.resolve("yes"));
        for (String folder : List.of("yes", "no")) {
            String expected = FluxTestData.read(FluxTestData.resource("policy/testdata/pathconfig-expected/" + folder + "/deploy.yaml"))
                    .replace("SETTER_SITE", marker("test-ns", "policy1"));
            assertEquals(expected, FluxTestData.read(root.resolve(folder + "/deploy.yaml")), folder);
        }
        assertEquals("deploy.yaml", result.files().get(0).path());
    }

    @Test
    void commentsInOtherScriptsStayByteForByte(@TempDir Path dir) throws IOException {
        Path root = FluxTestData.copy("update/testdata/replace/commented", dir, null);
        String original = FluxTestData.read(root.resolve("deployment.yaml"));
        String marked = original.replace("# the comment must stay!", "# {\"$imagepolicy\": \"bar:used\"}");
        Files.writeString(root.resolve("deployment.yaml"), marked);
        Setters.plan(root, Map.of("bar:used", new LatestImage("used", "v1.1.0", null))).write(root);
        assertEquals(marked.replace("used:v1.0.0", "used:v1.1.0"), FluxTestData.read(root.resolve("deployment.yaml")));
    }

    private static String marker(String namespace, String name) {
        return "{\"$imagepolicy\": \"" + namespace + ":" + name + "\"}";
    }
}
