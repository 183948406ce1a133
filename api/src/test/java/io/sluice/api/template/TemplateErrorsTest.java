package io.sluice.api.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Error messages read as Go's: name, line, column and node. The first three cases follow golang/go
 * {@code src/text/template/exec_test.go} (TestExecError, TestMissingMapKey, TestUnterminatedStringError,
 * TestExecuteGivesExecError; commit 00b6a902df40a833faea34985daaa36100bd7e09), with the nested
 * {@code define}s of TestExecError flattened into one template.
 */
class TemplateErrorsTest {
    @Test
    void anExecutionErrorNamesTemplateLineColumnNodeAndCause() {
        Template template = Template.parse("top", "line 1\nline 2\nline 3\n{{index \"hi\" $}}");
        TemplateException error = assertThrows(TemplateException.class, () -> template.execute(5L));
        assertEquals("template: top:4:2: executing \"top\" at <index \"hi\" $>: error calling index: index out of range: 5",
                error.getMessage());
    }

    @Test
    void aMissingMapKeyPrintsNoValueUnlessTheOptionAsksForZeroOrAnError() {
        Map<String, Long> data = Map.of("x", 99L);
        Template template = Template.parse("t1", "{{.x}} {{.y}}");
        assertEquals("99 <no value>", template.execute(data));
        assertEquals("99 <no value>", template.option("missingkey=default").execute(data));
        assertEquals("99 0", template.option("missingkey=zero").execute(data));
        TemplateException error = assertThrows(TemplateException.class, () -> template.option("missingkey=error").execute(data));
        assertEquals("template: t1:1:9: executing \"t1\" at <.y>: map has no entry for key \"y\"", error.getMessage());
        assertThrows(TemplateException.class, () -> template.option("missingkey=error").execute(null));
    }

    @Test
    void anUnterminatedStringIsReportedAtTheLineItStarts() {
        TemplateException error = assertThrows(TemplateException.class,
                () -> Template.parse("X", "hello\n\n{{`unterminated\n\n\n\n}}\n some more\n\n"));
        assertEquals("template: X:3: unterminated raw quoted string", error.getMessage());
    }

    @Test
    void aFieldOfAScalarCannotBeEvaluated() {
        TemplateException error = assertThrows(TemplateException.class, () -> Template.parse("X", "hello, {{.X.Y}}").execute(0L));
        assertTrue(error.getMessage().endsWith("can't evaluate field X in type int"), error.getMessage());
    }

    @Test
    void aFieldMissingFromARecordIsAnErrorAsOnAGoStruct() {
        record Data(String name) {
        }
        assertEquals("web", Template.parse("t", "{{.Name}}").execute(new Data("web")));
        TemplateException error = assertThrows(TemplateException.class,
                () -> Template.parse("spec.git.commit.messageTemplate", "ok\n  {{ .Updated.Files }}").execute(new Data("web")));
        assertEquals("template: spec.git.commit.messageTemplate:2:5: executing \"spec.git.commit.messageTemplate\" "
                + "at <.Updated.Files>: can't evaluate field Updated in type Data", error.getMessage());
    }

    @Test
    void parseErrorsNameTheLine() {
        assertEquals("template: m:2: function \"nope\" not defined",
                assertThrows(TemplateException.class, () -> Template.parse("m", "a\n{{ nope }}")).getMessage());
        assertEquals("template: m:1: undefined variable \"$x\"",
                assertThrows(TemplateException.class, () -> Template.parse("m", "{{ $x }}")).getMessage());
        assertEquals("template: m:1: unexpected EOF",
                assertThrows(TemplateException.class, () -> Template.parse("m", "{{ if .A }}x")).getMessage());
        assertEquals("template: m:1: unexpected {{end}}",
                assertThrows(TemplateException.class, () -> Template.parse("m", "x{{ end }}")).getMessage());
        assertEquals("template: m:1: unclosed action",
                assertThrows(TemplateException.class, () -> Template.parse("m", "{{ .A ")).getMessage());
        assertEquals("template: m:1: {{break}} outside {{range}}",
                assertThrows(TemplateException.class, () -> Template.parse("m", "{{break}}")).getMessage());
    }

    @Test
    void trimMarkersEatTheSpaceNextToThem() {
        // the example of text/template's package documentation
        assertEquals("23<45", Template.parse("t", "{{23 -}} < {{- 45}}").execute(null));
        assertEquals("ab", Template.parse("t", "a\n{{- /* a comment */ -}}\n\n  \nb").execute(null));
        assertEquals("a-b", Template.parse("t", "a{{/* no trim */}}-b").execute(null));
        assertEquals("x1,2", Template.parse("t", "x{{- range $i, $v := .}}{{if $i}},{{end}}{{$v}}{{end -}}\n").execute(java.util.List.of(1L, 2L)));
    }

    @Test
    void breakAndContinueStopOrSkipAnIteration() {
        Template template = Template.parse("t", "{{range .}}{{if eq . 2}}{{continue}}{{end}}{{if eq . 4}}{{break}}{{end}}{{.}}{{end}}");
        assertEquals("13", template.execute(java.util.List.of(1L, 2L, 3L, 4L, 5L)));
    }

    @Test
    void printfFormatsAsGoDoes() {
        Template template = Template.parse("t", "{{printf \"%s|%d|%v|%q|%5s|%-4d|%x|%t|%d\" .S .N .L .S .S .N .S true .S}}");
        assertEquals("web|7|[a b]|\"web\"|  web|7   |776562|true|%!d(string=web)",
                template.execute(Map.of("S", "web", "N", 7L, "L", java.util.List.of("a", "b"))));
        assertEquals("%!d(MISSING) x%!(EXTRA int=2)", Template.parse("t", "{{printf \"%d\"}} {{printf \"x\" 2}}").execute(null));
        assertEquals("1e+06 0.5 2.50", Template.parse("t", "{{1e6}} {{0.5}} {{printf \"%.2f\" 2.5}}").execute(null));
    }
}
