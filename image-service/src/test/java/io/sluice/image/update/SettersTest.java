package io.sluice.image.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees of the setters beyond Flux's test data: bytes kept, markers that cannot apply reported. */
class SettersTest {
    private static final Map<String, LatestImage> POLICIES = Map.of(
            "apps:web", new LatestImage("ghcr.io/acme/web", "1.2.4", null),
            "apps:pinned", new LatestImage("ghcr.io/acme/api", "2.0.0", "sha256:abc"),
            "apps:numeric", new LatestImage("ghcr.io/acme/job", "10", null));

    @TempDir
    Path root;

    private SetterResult plan(String file, String text) throws IOException {
        Files.createDirectories(root.resolve(file).getParent());
        Files.writeString(root.resolve(file), text);
        return Setters.plan(root, POLICIES);
    }

    @Test
    void quotingLineEndingsAndOtherLinesStayAsTheyWere() throws IOException {
        String text = "# head comment\r\n"
                + "apiVersion: apps/v1\r\n"
                + "kind: Deployment\r\n"
                + "metadata: {name: web, namespace: apps}\r\n"
                + "spec:\r\n"
                + "  template:\r\n"
                + "    spec:\r\n"
                + "      containers:\r\n"
                + "        - name: web\r\n"
                + "          image: \"ghcr.io/acme/web:1.2.3\"   # {\"$imagepolicy\": \"apps:web\"}\r\n"
                + "        - name: sidecar\r\n"
                + "          image: 'ghcr.io/acme/api:1.0'  #  {\"$imagepolicy\": \"apps:pinned\"}\r\n"
                + "          env: [{name: TAG, value: 1.2.3}]   # tags are not touched without a marker\r\n"
                + "        - image: ghcr.io/acme/job:9\r\n"
                + "          args: [\"--tag\"]\r\n"
                + "          tag: 9 # {\"$imagepolicy\": \"apps:numeric:tag\"}\r\n";
        SetterResult result = plan("deploy/app.yaml", text);
        result.write(root);

        String expected = text.replace("\"ghcr.io/acme/web:1.2.3\"", "\"ghcr.io/acme/web:1.2.4\"")
                .replace("'ghcr.io/acme/api:1.0'", "'ghcr.io/acme/api:2.0.0@sha256:abc'")
                .replace("tag: 9 #", "tag: \"10\" #");
        assertEquals(expected, Files.readString(root.resolve("deploy/app.yaml")));
        ObjectId web = new ObjectId("apps/v1", "Deployment", "web", "apps");
        assertEquals(List.of(
                new SetterChange("deploy/app.yaml", 10, web, "apps:web", "ghcr.io/acme/web:1.2.3", "ghcr.io/acme/web:1.2.4"),
                new SetterChange("deploy/app.yaml", 12, web, "apps:pinned", "ghcr.io/acme/api:1.0", "ghcr.io/acme/api:2.0.0@sha256:abc"),
                new SetterChange("deploy/app.yaml", 16, web, "apps:numeric:tag", "9", "10")), result.changes());
        assertEquals(List.of(), result.problems());
    }

    @Test
    void eachDocumentOfAFileIsItsOwnObject() throws IOException {
        String text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: first\ndata:\n  image: old # {\"$imagepolicy\": \"apps:web:name\"}\n"
                + "---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: second\n  namespace: jobs\nspec:\n  tag: old # {\"$imagepolicy\": \"apps:web:tag\"}\n";
        SetterResult result = plan("two.yaml", text);
        assertEquals(Map.of(new ObjectId("v1", "ConfigMap", "first", ""), List.of(new Changed.Change("old", "ghcr.io/acme/web", "apps:web:name")),
                new ObjectId("batch/v1", "Job", "second", "jobs"), List.of(new Changed.Change("old", "1.2.4", "apps:web:tag"))),
                result.changed().objects());
    }

    @Test
    void markersThatCannotApplyAreReportedWithFileAndLineAndTheirLinesKept() throws IOException {
        String text = String.join("\n",
                "kind: Demo",
                "image: # {\"$imagepolicy\": \"apps:web\"}",
                "  nested: value",
                "script: | # {\"$imagepolicy\": \"apps:web\"}",
                "  echo hi",
                "images: [a, b] # {\"$imagepolicy\": \"apps:web\"}",
                "# {\"$imagepolicy\": \"apps:web\"}",
                "gone: x:1 # {\"$imagepolicy\": \"apps:nothere\"}",
                "odd: x:1 # {\"$imagepolicy\": \"apps:web:version\"}",
                "broken: x:1 # {\"$imagepolicy\": apps:web}",
                "digest: sha256:0 # {\"$imagepolicy\": \"apps:web:digest\"}",
                "");
        SetterResult result = plan("bad.yaml", text);
        assertEquals(List.of(
                "bad.yaml:2: the marker is on the mapping key \"image\", not on a value: put the value on the key's line",
                "bad.yaml:4: the marker is on a block scalar (| or >); setters set plain or quoted scalars only",
                "bad.yaml:6: the marker is on a list or map, not on a scalar value",
                "bad.yaml:7: the marker stands on a line of its own: a setter marker is read only as the comment at the end of the value's line",
                "bad.yaml:8: the marker names the image policy apps:nothere, which does not exist or has not chosen an image yet",
                "bad.yaml:9: setter \"apps:web:version\" has the suffix :version; the suffixes are :tag, :name and :digest",
                "bad.yaml:10: comment {\"$imagepolicy\": apps:web} is not a setter marker: it is not a JSON object such as {\"$imagepolicy\": \"NAMESPACE:NAME\"}",
                "bad.yaml:11: the image policy apps:web has no digest for its latest image ghcr.io/acme/web:1.2.4"),
                result.problems().stream().map(Object::toString).toList());
        assertFalse(result.hasChanges());
    }

    @Test
    void filesThatAreNotYamlOrNotReadAreLeftAlone() throws IOException {
        plan("broken.yaml", "a: [unclosed # {\"$imagepolicy\": \"apps:web\"}\nb: c\n");
        plan("notes.txt", "image: x # {\"$imagepolicy\": \"apps:web\"}\n");
        plan(".git/config.yaml", "image: x # {\"$imagepolicy\": \"apps:web\"}\n");
        plan(".github/workflow.yml", "image: x # {\"$imagepolicy\": \"apps:web\"}\n");
        Files.write(root.resolve("latin1.yaml"), "name: caf\u00e9 # {\"$imagepolicy\": \"apps:web\"}\n".getBytes(StandardCharsets.ISO_8859_1));
        SetterResult result = Setters.plan(root, POLICIES);

        assertEquals(List.of(".github/workflow.yml"), result.files().stream().map(FileUpdate::path).toList());
        List<String> problems = result.problems().stream().map(Object::toString).toList();
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("broken.yaml:2: the file is not valid YAML, its markers were not read: "), problems.get(0));
        assertEquals("latin1.yaml:1: the file is not UTF-8; its markers were not read", problems.get(1));
    }

    @Test
    void aValueAlreadyUpToDateIsNoChange() throws IOException {
        SetterResult result = plan("a.yaml", "image: ghcr.io/acme/web:1.2.4 # {\"$imagepolicy\": \"apps:web\"}\n");
        assertFalse(result.hasChanges());
        assertEquals(List.of(), result.problems());
    }

    @Test
    void theUpdatePathStaysInsideTheCheckout() {
        Path checkout = Path.of("/repo");
        assertEquals(Path.of("/repo/clusters/prod"), Setters.updateRoot(checkout, "./clusters/prod"));
        assertEquals(Path.of("/repo/etc"), Setters.updateRoot(checkout, "../../etc"));
        assertEquals(checkout, Setters.updateRoot(checkout, ""));
        assertEquals(checkout, Setters.updateRoot(checkout, null));
    }
}
