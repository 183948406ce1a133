package io.sluice.image.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.template.TemplateException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commit messages from Flux's templates. The templates and expected messages are those of
 * image-automation-controller {@code internal/source/source_test.go} (testCommitTemplateResultV2,
 * testCommitTemplateWithValues, testCommitTemplateRemoved, TestTemplateMsgAggregatesObjectChangesAcrossFiles;
 * commit d36e2ea07a3973a0e8ace7678d933a89b76f9dda), run on changes our setters made to Flux's
 * {@code appconfig} test data.
 */
class CommitMessageTest {
    private static final String RESULT_V2 = """
            Commit summary with ResultV2

            Automation: {{ .AutomationObject }}

            {{ range $filename, $objchange := .Changed.FileChanges -}}
            - File: {{ $filename }}
            {{- range $obj, $changes := $objchange }}
              - Object: {{ $obj.Kind }}/{{ $obj.Namespace }}/{{ $obj.Name }}
                Changes:
            {{- range $_ , $change := $changes }}
                - {{ $change.OldValue }} -> {{ $change.NewValue }}
            {{ end -}}
            {{ end -}}
            {{ end -}}
            """;

    @TempDir
    Path dir;

    private SetterResult appconfigUpdate() throws IOException {
        Path root = FluxTestData.copy("policy/testdata/appconfig", dir, "{\"$imagepolicy\": \"test-ns:policy\"}");
        return Setters.plan(root, Map.of("test-ns:policy", new LatestImage("helloworld", "1.0.1", null)));
    }

    @Test
    void theResultV2TemplateListsFilesObjectsAndChanges() throws IOException {
        String message = CommitMessage.render(RESULT_V2, appconfigUpdate().messageData("test-ns", "test-update", null));
        assertEquals("""
                Commit summary with ResultV2

                Automation: test-ns/test-update

                - File: deploy.yaml
                  - Object: Deployment//test
                    Changes:
                    - helloworld:1.0.0 -> helloworld:1.0.1
                """, message);
    }

    @Test
    void valuesAreReadByFieldAndByIndex() throws IOException {
        String template = """
                Commit summary

                Automation: {{ .AutomationObject }}

                Cluster: {{ index .Values "cluster" }}
                Testing: {{ .Values.testing }}
                """;
        String message = CommitMessage.render(template,
                appconfigUpdate().messageData("test-ns", "test-update", Map.of("cluster", "prod", "testing", "value")));
        assertEquals("Commit summary\n\nAutomation: test-ns/test-update\n\nCluster: prod\nTesting: value\n", message);
    }

    @Test
    void objectChangesAreAggregatedAcrossFiles() {
        ObjectId podinfo = new ObjectId("apps/v1", "Deployment", "podinfo", "default");
        SetterResult result = new SetterResult(List.of(
                new FileUpdate("base/deployment.yaml", "", "", List.of(new SetterChange("base/deployment.yaml", 9, podinfo,
                        "flux-system:podinfo", "podinfo:v1.0.0", "podinfo:v1.0.1"))),
                new FileUpdate("overlays/prod/deployment.yaml", "", "", List.of(new SetterChange("overlays/prod/deployment.yaml", 7,
                        podinfo, "flux-system:replicas", "1", "2")))), List.of());
        String message = CommitMessage.render(RESULT_V2, result.messageData("flux-system", "podinfo", Map.of()));
        assertTrue(message.contains("- podinfo:v1.0.0 -> podinfo:v1.0.1"), message);
        assertTrue(message.contains("- 1 -> 2"), message);
        assertEquals("Deployment/podinfo: podinfo:v1.0.0 -> podinfo:v1.0.1, 1 -> 2|2 changes", CommitMessage.render(
                "{{ range $o, $c := .Changed.Objects }}{{ $o.Kind }}/{{ $o.Name }}: {{ range $i, $x := $c }}{{ if $i }}, {{ end }}"
                        + "{{ $x.OldValue }} -> {{ $x.NewValue }}{{ end }}{{ end }}|{{ len .Changed.Changes }} changes",
                result.messageData("flux-system", "podinfo", Map.of())));
    }

    @Test
    void noTemplateGivesFluxsDefaultMessage() throws IOException {
        assertEquals("Update from image update automation", CommitMessage.render(null, appconfigUpdate().messageData("a", "b", null)));
        assertEquals("Update from image update automation", CommitMessage.render("", appconfigUpdate().messageData("a", "b", null)));
    }

    @Test
    void templateErrorsNameTheField() throws IOException {
        CommitMessage.Data data = appconfigUpdate().messageData("test-ns", "test-update", Map.of());
        String removed = "Files:\n{{ range $filename, $_ := .Updated.Files -}}\n- {{ $filename }}\n{{ end -}}\n";
        assertEquals("template: spec.git.commit.messageTemplate:2:26: executing \"spec.git.commit.messageTemplate\" at "
                + "<.Updated.Files>: can't evaluate field Updated in type Data: the template uses the removed '.Updated' field. "
                + "Please use '.Changed' instead",
                assertThrows(TemplateException.class, () -> CommitMessage.render(removed, data)).getMessage());
        assertEquals("template: spec.git.commit.messageTemplate:1: function \"sha256sum\" not defined",
                assertThrows(TemplateException.class, () -> CommitMessage.render("{{ sha256sum .Values }}", data)).getMessage());
    }
}
