package io.sluice.api.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sprig functions, with the behaviour of Masterminds/sprig's own tests (defaults_test.go, strings_test.go)
 * and go-yaml v2's output for toYaml; and how more functions are added.
 */
class SprigFunctionsTest {
    private static String render(String text, Object data) {
        return Template.parse("t", text).execute(data);
    }

    @Test
    void defaultReplacesEmptyValues() {
        Map<String, Object> data = Map.of("Empty", "", "Zero", 0L, "Name", "web", "Nothing", List.of());
        assertEquals("x|x|web|x|x", render("{{.Empty | default \"x\"}}|{{default \"x\" .Zero}}|{{.Name | default \"x\"}}"
                + "|{{.Missing | default \"x\"}}|{{.Nothing | default \"x\"}}", data));
        assertEquals("foo", render("{{default \"foo\"}}", null));
    }

    @Test
    void lowerUpperAndReplaceTakeStrings() {
        assertEquals("deployment WEB a-b-c", render("{{\"Deployment\" | lower}} {{upper .}} {{\"a.b.c\" | replace \".\" \"-\"}}", "web"));
        TemplateException error = assertThrows(TemplateException.class, () -> render("{{lower 3}}", null));
        assertEquals("template: t:1:2: executing \"t\" at <lower 3>: wrong type for value; expected string; got int", error.getMessage());
    }

    @Test
    void toYamlWritesSortedBlockYaml() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("replicas", 3L);
        data.put("name", "web");
        data.put("enabled", "true");
        data.put("labels", Map.of("tier", "front", "app", "web"));
        data.put("ports", List.of(80L, 443L));
        data.put("containers", List.of(Map.of("name", "c", "image", "nginx:1.25")));
        data.put("note", "a: b");
        data.put("script", "one\ntwo\n");
        assertEquals("""
                containers:
                - image: nginx:1.25
                  name: c
                enabled: "true"
                labels:
                  app: web
                  tier: front
                name: web
                note: 'a: b'
                ports:
                - 80
                - 443
                replicas: 3
                script: |
                  one
                  two""", render("{{toYaml .}}", data));
        assertEquals("[]|{}|null|\"1.0\"", render("{{toYaml .L}}|{{toYaml .M}}|{{toYaml .Missing}}|{{toYaml .V}}",
                Map.of("L", List.of(), "M", Map.of(), "V", "1.0")));
    }

    @Test
    void moreFunctionsCanBeAddedAndPiped() {
        TemplateFunctions functions = TemplateFunctions.standard()
                .with("trunc", args -> ((String) args.get(1)).substring(0, ((Long) args.get(0)).intValue()));
        assertEquals("abc", Template.parse("t", "{{ \"abcdef\" | trunc 3 }}", functions).execute(null));
        assertThrows(IllegalArgumentException.class, () -> functions.with("a-b", args -> null));
        assertEquals("template: t:1: function \"trunc\" not defined",
                assertThrows(TemplateException.class, () -> Template.parse("t", "{{ trunc 3 . }}")).getMessage());
    }
}
