package io.sluice.api.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Go's own execution cases for text/template, run against our interpreter. Ported from golang/go
 * {@code src/text/template/exec_test.go} (tables {@code execTests} and {@code cmpTests}, commit
 * 00b6a902df40a833faea34985daaa36100bd7e09), keeping Go's case names. Go's test value {@code tVal} (a
 * struct) becomes a map with the same capitalised keys and records for its nested structs. Left out: cases
 * about Go-only types (complex numbers, pointers, channels, func fields and {@code call}, typed map keys,
 * methods with arguments, {@code typeOf}, {@code js}) and {@code template}/{@code define}, which this
 * interpreter does not offer.
 */
class GoExecCasesTest {
    record U(String v) {
    }

    /** Go's V: a struct with a String method. */
    record V(int j) implements Stringer {
        @Override
        public String asString() {
            return "<" + j + ">";
        }
    }

    private record Case(String name, String input, String output, Object data, boolean ok) {
    }

    static final Map<String, Object> T = tVal();

    private static Map<String, Object> tVal() {
        Map<String, Object> t = new HashMap<>();
        t.put("True", true);
        t.put("I", 17L);
        t.put("U16", 16);
        t.put("X", "x");
        t.put("FloatZero", 0.0);
        t.put("U", new U("v"));
        t.put("V0", new V(6666));
        t.put("SI", List.of(3L, 4L, 5L));
        t.put("SIEmpty", List.of());
        t.put("SB", List.of(true, false));
        t.put("MSI", Map.of("one", 1L, "two", 2L, "three", 3L));
        t.put("MSIone", Map.of("one", 1L));
        t.put("MSIEmpty", Map.of());
        t.put("MXI", Map.of("one", 1L));
        t.put("MI32S", Map.of(1, "one", 2, "two"));
        t.put("MI64S", Map.of(2L, "i642", 3L, "i643"));
        t.put("SMSI", List.of(Map.of("one", 1L, "two", 2L), Map.of("eleven", 11L, "twelve", 12L)));
        t.put("Empty0", null);
        t.put("Empty1", 3L);
        t.put("Empty2", "empty2");
        t.put("Empty3", List.of(7L, 8L));
        t.put("Empty4", new U("UinEmpty"));
        t.put("PSI", List.of(21L, 22L, 23L));
        return t;
    }

    private static final TemplateFunctions FUNCS = TemplateFunctions.go()
            .with("add", args -> args.stream().mapToLong(arg -> (Long) arg).sum())
            .with("count", args -> {
                List<String> letters = new ArrayList<>();
                for (int i = 0; i < (Long) args.get(0); i++) {
                    letters.add("abcdefghijklmnop".substring(i, i + 1));
                }
                return letters;
            })
            .with("echo", args -> args.get(0))
            .with("makemap", args -> {
                Map<String, String> map = new HashMap<>();
                for (int i = 0; i < args.size(); i += 2) {
                    map.put((String) args.get(i), (String) args.get(i + 1));
                }
                return map;
            })
            .with("mapOfThree", args -> Map.of("three", 3L))
            .with("oneArg", args -> "oneArg=" + TemplateFunction.stringArg(args, 0))
            .with("twoArgs", args -> "twoArgs=" + TemplateFunction.stringArg(args, 0) + TemplateFunction.stringArg(args, 1))
            .with("zeroArgs", args -> "zeroArgs");

    private static final List<Case> EXEC_TESTS = List.of(
            // Trivial cases.
            new Case("empty", "", "", null, true),
            new Case("text", "some text", "some text", null, true),
            new Case("nil action", "{{nil}}", "", null, false),
            // Fields of structs.
            new Case(".X", "-{{.X}}-", "-x-", T, true),
            new Case(".U.V", "-{{.U.V}}-", "-v-", T, true),
            // Fields on maps.
            new Case("map .one", "{{.MSI.one}}", "1", T, true),
            new Case("map .two", "{{.MSI.two}}", "2", T, true),
            new Case("map .NO", "{{.MSI.NO}}", "<no value>", T, true),
            new Case("map .one interface", "{{.MXI.one}}", "1", T, true),
            new Case("map .WRONG args", "{{.MSI.one 1}}", "", T, false),
            // Dots of all kinds to test basic evaluation.
            new Case("dot int", "<{{.}}>", "<13>", 13L, true),
            new Case("dot float", "<{{.}}>", "<15.1>", 15.1, true),
            new Case("dot bool", "<{{.}}>", "<true>", true, true),
            new Case("dot string", "<{{.}}>", "<hello>", "hello", true),
            new Case("dot slice", "<{{.}}>", "<[-1 -2 -3]>", List.of(-1L, -2L, -3L), true),
            new Case("dot map", "<{{.}}>", "<map[two:22]>", Map.of("two", 22L), true),
            new Case("dot struct", "<{{.}}>", "<{7 seven}>", new Struct(7, "seven"), true),
            // Variables.
            new Case("$ int", "{{$}}", "123", 123L, true),
            new Case("$.I", "{{$.I}}", "17", T, true),
            new Case("$.U.V", "{{$.U.V}}", "v", T, true),
            new Case("declare in action", "{{$x := $.U.V}}{{$x}}", "v", T, true),
            // Type with String method.
            new Case("V{6666}.String()", "-{{.V0}}-", "-<6666>-", T, true),
            // Empty interfaces holding values.
            new Case("empty nil", "{{.Empty0}}", "<no value>", T, true),
            new Case("empty with int", "{{.Empty1}}", "3", T, true),
            new Case("empty with string", "{{.Empty2}}", "empty2", T, true),
            new Case("empty with slice", "{{.Empty3}}", "[7 8]", T, true),
            new Case("empty with struct", "{{.Empty4}}", "{UinEmpty}", T, true),
            new Case("empty with struct, field", "{{.Empty4.V}}", "UinEmpty", T, true),
            // Parenthesized expressions
            new Case("parens in pipeline", "{{printf `%d %d %d` (1) (2 | add 3) (add 4 (add 5 6))}}", "1 5 15", T, true),
            new Case("parens: $ in paren", "{{($).X}}", "x", T, true),
            new Case("parens: $ in paren in pipe", "{{($ | echo).X}}", "x", T, true),
            new Case("parens: spaces and args", "{{(makemap \"up\" \"down\" \"left\" \"right\").left}}", "right", T, true),
            // If.
            new Case("if true", "{{if true}}TRUE{{end}}", "TRUE", T, true),
            new Case("if false", "{{if false}}TRUE{{else}}FALSE{{end}}", "FALSE", T, true),
            new Case("if nil", "{{if nil}}TRUE{{end}}", "", T, false),
            new Case("if 1", "{{if 1}}NON-ZERO{{else}}ZERO{{end}}", "NON-ZERO", T, true),
            new Case("if 0", "{{if 0}}NON-ZERO{{else}}ZERO{{end}}", "ZERO", T, true),
            new Case("if 1.5", "{{if 1.5}}NON-ZERO{{else}}ZERO{{end}}", "NON-ZERO", T, true),
            new Case("if 0.0", "{{if .FloatZero}}NON-ZERO{{else}}ZERO{{end}}", "ZERO", T, true),
            new Case("if emptystring", "{{if ``}}NON-EMPTY{{else}}EMPTY{{end}}", "EMPTY", T, true),
            new Case("if string", "{{if `notempty`}}NON-EMPTY{{else}}EMPTY{{end}}", "NON-EMPTY", T, true),
            new Case("if emptyslice", "{{if .SIEmpty}}NON-EMPTY{{else}}EMPTY{{end}}", "EMPTY", T, true),
            new Case("if slice", "{{if .SI}}NON-EMPTY{{else}}EMPTY{{end}}", "NON-EMPTY", T, true),
            new Case("if emptymap", "{{if .MSIEmpty}}NON-EMPTY{{else}}EMPTY{{end}}", "EMPTY", T, true),
            new Case("if map", "{{if .MSI}}NON-EMPTY{{else}}EMPTY{{end}}", "NON-EMPTY", T, true),
            new Case("if map unset", "{{if .MXI.none}}NON-ZERO{{else}}ZERO{{end}}", "ZERO", T, true),
            new Case("if map not unset", "{{if not .MXI.none}}ZERO{{else}}NON-ZERO{{end}}", "ZERO", T, true),
            new Case("if $x with $y int", "{{if $x := true}}{{with $y := .I}}{{$x}},{{$y}}{{end}}{{end}}", "true,17", T, true),
            new Case("if $x with $x int", "{{if $x := true}}{{with $x := .I}}{{$x}},{{end}}{{$x}}{{end}}", "17,true", T, true),
            new Case("if else if", "{{if false}}FALSE{{else if true}}TRUE{{end}}", "TRUE", T, true),
            new Case("if else chain", "{{if eq 1 3}}1{{else if eq 2 3}}2{{else if eq 3 3}}3{{end}}", "3", T, true),
            // Print etc.
            new Case("print", "{{print \"hello, print\"}}", "hello, print", T, true),
            new Case("print 123", "{{print 1 2 3}}", "1 2 3", T, true),
            new Case("print nil", "{{print nil}}", "<nil>", T, true),
            new Case("println", "{{println 1 2 3}}", "1 2 3\n", T, true),
            new Case("printf int", "{{printf \"%04x\" 127}}", "007f", T, true),
            new Case("printf float", "{{printf \"%g\" 3.5}}", "3.5", T, true),
            new Case("printf string", "{{printf \"%s\" \"hello\"}}", "hello", T, true),
            new Case("printf function", "{{printf \"%#q\" zeroArgs}}", "`zeroArgs`", T, true),
            new Case("printf field", "{{printf \"%s\" .U.V}}", "v", T, true),
            new Case("printf dot", "{{with .I}}{{printf \"%d\" .}}{{end}}", "17", T, true),
            new Case("printf var", "{{with $x := .I}}{{printf \"%d\" $x}}{{end}}", "17", T, true),
            // HTML.
            new Case("html", "{{html \"<script>alert(\\\"XSS\\\");</script>\"}}",
                    "&lt;script&gt;alert(&#34;XSS&#34;);&lt;/script&gt;", null, true),
            new Case("html pipeline", "{{printf \"<script>alert(\\\"XSS\\\");</script>\" | html}}",
                    "&lt;script&gt;alert(&#34;XSS&#34;);&lt;/script&gt;", null, true),
            // URL query.
            new Case("urlquery", "{{\"http://www.example.org/\"|urlquery}}", "http%3A%2F%2Fwww.example.org%2F", null, true),
            // Booleans
            new Case("not", "{{not true}} {{not false}}", "false true", null, true),
            new Case("and", "{{and false 0}} {{and 1 0}} {{and 0 true}} {{and 1 1}}", "false 0 0 1", null, true),
            new Case("or", "{{or 0 0}} {{or 1 0}} {{or 0 true}} {{or 1 1}}", "0 1 true 1", null, true),
            new Case("boolean if", "{{if and true 1 `hi`}}TRUE{{else}}FALSE{{end}}", "TRUE", T, true),
            new Case("boolean if not", "{{if and true 1 `hi` | not}}TRUE{{else}}FALSE{{end}}", "FALSE", null, true),
            // Indexing.
            new Case("slice[0]", "{{index .SI 0}}", "3", T, true),
            new Case("slice[1]", "{{index .SI 1}}", "4", T, true),
            new Case("slice[HUGE]", "{{index .SI 10}}", "", T, false),
            new Case("slice[WRONG]", "{{index .SI `hello`}}", "", T, false),
            new Case("slice[nil]", "{{index .SI nil}}", "", T, false),
            new Case("map[one]", "{{index .MSI `one`}}", "1", T, true),
            new Case("map[two]", "{{index .MSI `two`}}", "2", T, true),
            new Case("map[NO]", "{{index .MSI `XXX`}}", "0", T, true),
            new Case("map[nil]", "{{index .MSI nil}}", "", T, false),
            new Case("map[``]", "{{index .MSI ``}}", "0", T, true),
            new Case("map[WRONG]", "{{index .MSI 10}}", "", T, false),
            new Case("double index", "{{index .SMSI 1 `eleven`}}", "11", T, true),
            new Case("nil[1]", "{{index nil 1}}", "", T, false),
            new Case("map MI64S", "{{index .MI64S 2}}", "i642", T, true),
            new Case("map MI32S", "{{index .MI32S 2}}", "two", T, true),
            // Len.
            new Case("slice", "{{len .SI}}", "3", T, true),
            new Case("map", "{{len .MSI }}", "3", T, true),
            new Case("len of int", "{{len 3}}", "", T, false),
            new Case("len of nothing", "{{len .Empty0}}", "", T, false),
            // With.
            new Case("with true", "{{with true}}{{.}}{{end}}", "true", T, true),
            new Case("with false", "{{with false}}{{.}}{{else}}FALSE{{end}}", "FALSE", T, true),
            new Case("with 1", "{{with 1}}{{.}}{{else}}ZERO{{end}}", "1", T, true),
            new Case("with 0", "{{with 0}}{{.}}{{else}}ZERO{{end}}", "ZERO", T, true),
            new Case("with 1.5", "{{with 1.5}}{{.}}{{else}}ZERO{{end}}", "1.5", T, true),
            new Case("with 0.0", "{{with .FloatZero}}{{.}}{{else}}ZERO{{end}}", "ZERO", T, true),
            new Case("with emptystring", "{{with ``}}{{.}}{{else}}EMPTY{{end}}", "EMPTY", T, true),
            new Case("with string", "{{with `notempty`}}{{.}}{{else}}EMPTY{{end}}", "notempty", T, true),
            new Case("with emptyslice", "{{with .SIEmpty}}{{.}}{{else}}EMPTY{{end}}", "EMPTY", T, true),
            new Case("with slice", "{{with .SI}}{{.}}{{else}}EMPTY{{end}}", "[3 4 5]", T, true),
            new Case("with emptymap", "{{with .MSIEmpty}}{{.}}{{else}}EMPTY{{end}}", "EMPTY", T, true),
            new Case("with map", "{{with .MSIone}}{{.}}{{else}}EMPTY{{end}}", "map[one:1]", T, true),
            new Case("with empty interface, struct field", "{{with .Empty4}}{{.V}}{{end}}", "UinEmpty", T, true),
            new Case("with $x int", "{{with $x := .I}}{{$x}}{{end}}", "17", T, true),
            new Case("with $x struct.U.V", "{{with $x := $}}{{$x.U.V}}{{end}}", "v", T, true),
            new Case("with variable and action", "{{with $x := $}}{{$y := $.U.V}}{{$y}}{{end}}", "v", T, true),
            // Range.
            new Case("range []int", "{{range .SI}}-{{.}}-{{end}}", "-3--4--5-", T, true),
            new Case("range empty no else", "{{range .SIEmpty}}-{{.}}-{{end}}", "", T, true),
            new Case("range []int else", "{{range .SI}}-{{.}}-{{else}}EMPTY{{end}}", "-3--4--5-", T, true),
            new Case("range empty else", "{{range .SIEmpty}}-{{.}}-{{else}}EMPTY{{end}}", "EMPTY", T, true),
            new Case("range []bool", "{{range .SB}}-{{.}}-{{end}}", "-true--false-", T, true),
            new Case("range map", "{{range .MSI}}-{{.}}-{{end}}", "-1--3--2-", T, true),
            new Case("range empty map no else", "{{range .MSIEmpty}}-{{.}}-{{end}}", "", T, true),
            new Case("range map else", "{{range .MSI}}-{{.}}-{{else}}EMPTY{{end}}", "-1--3--2-", T, true),
            new Case("range empty map else", "{{range .MSIEmpty}}-{{.}}-{{else}}EMPTY{{end}}", "EMPTY", T, true),
            new Case("range empty interface", "{{range .Empty3}}-{{.}}-{{else}}EMPTY{{end}}", "-7--8-", T, true),
            new Case("range empty nil", "{{range .Empty0}}-{{.}}-{{end}}", "", T, true),
            new Case("range $x SI", "{{range $x := .SI}}<{{$x}}>{{end}}", "<3><4><5>", T, true),
            new Case("range $x $y SI", "{{range $x, $y := .SI}}<{{$x}}={{$y}}>{{end}}", "<0=3><1=4><2=5>", T, true),
            new Case("range $x MSIone", "{{range $x := .MSIone}}<{{$x}}>{{end}}", "<1>", T, true),
            new Case("range $x $y MSIone", "{{range $x, $y := .MSIone}}<{{$x}}={{$y}}>{{end}}", "<one=1>", T, true),
            new Case("range $x PSI", "{{range $x := .PSI}}<{{$x}}>{{end}}", "<21><22><23>", T, true),
            new Case("declare in range", "{{range $x := .PSI}}<{{$foo:=$x}}{{$x}}>{{end}}", "<21><22><23>", T, true),
            new Case("range count", "{{range $i, $x := count 5}}[{{$i}}]{{$x}}{{end}}", "[0]a[1]b[2]c[3]d[4]e", T, true),
            new Case("range nil count", "{{range $i, $x := count 0}}{{else}}empty{{end}}", "empty", T, true),
            // Cute examples.
            new Case("or as if true", "{{or .SI \"slice is empty\"}}", "[3 4 5]", T, true),
            new Case("or as if false", "{{or .SIEmpty \"slice is empty\"}}", "slice is empty", T, true),
            // Fixed bugs.
            new Case("bug4", "{{if .Empty0}}non-nil{{else}}nil{{end}}", "nil", T, true),
            new Case("bug7a", "{{3 2}}", "", T, false),
            new Case("bug7b", "{{$x := 1}}{{$x 2}}", "", T, false),
            new Case("bug7c", "{{$x := 1}}{{3 | $x}}", "", T, false),
            new Case("bug8a", "{{3|oneArg}}", "", T, false),
            new Case("bug9", "{{.cause}}", "neglect", Map.of("cause", "neglect"), true),
            new Case("bug10", "{{mapOfThree.three}}-{{(mapOfThree).three}}", "3-3", 0L, true),
            new Case("bug14a", "{{(nil).True}}", "", T, false),
            new Case("bug14b", "{{$x := nil}}{{$x.anything}}", "", T, false),
            new Case("bug14c", "{{$x := (1.0)}}{{$y := (\"hello\")}}{{$x.anything}}{{$y.true}}", "", T, false),
            new Case("bug16a", "{{true|printf}}", "", T, false),
            new Case("bug16b", "{{1|printf}}", "", T, false),
            new Case("bug16c", "{{1.1|printf}}", "", T, false),
            new Case("bug16d", "{{'x'|printf}}", "", T, false),
            new Case("bug16f", "{{true|twoArgs \"xxx\"}}", "", T, false),
            new Case("bug16g", "{{\"aaa\" |twoArgs \"bbb\"}}", "twoArgs=bbbaaa", T, true),
            new Case("bug16h", "{{1|oneArg}}", "", T, false),
            new Case("bug16i", "{{\"aaa\"|oneArg}}", "oneArg=aaa", T, true),
            new Case("bug16k", "{{\"aaa\"|printf }}", "aaa", T, true));

    /** Go's anonymous struct{a int; b string}{7, "seven"}. */
    record Struct(int a, String b) {
    }

    @TestFactory
    Stream<DynamicTest> execTests() {
        return EXEC_TESTS.stream().map(test -> DynamicTest.dynamicTest(test.name() + ": " + test.input(), () -> {
            String result;
            try {
                result = Template.parse(test.name(), test.input(), FUNCS).execute(test.data());
            } catch (TemplateException error) {
                if (test.ok()) {
                    fail("unexpected error: " + error.getMessage());
                }
                return;
            }
            if (!test.ok()) {
                fail("expected an error; got " + result);
            }
            assertEquals(test.output(), result);
        }));
    }

    /** Go's cmpTests, run as {@code {{if EXPR}}true{{else}}false{{end}}} over Uthree/Ufour/NegOne/Three. */
    @TestFactory
    Stream<DynamicTest> comparisons() {
        Map<String, Object> data = Map.of("Uthree", 3L, "Ufour", 4L, "NegOne", -1L, "Three", 3);
        String[][] cases = {
            {"eq true true", "true"}, {"eq true false", "false"}, {"eq 1.5 1.5", "true"}, {"eq 1.5 2.5", "false"},
            {"eq 1 1", "true"}, {"eq 1 2", "false"}, {"eq `xy` `xy`", "true"}, {"eq `xy` `xyz`", "false"},
            {"eq .Uthree .Uthree", "true"}, {"eq .Uthree .Ufour", "false"}, {"eq 3 4 5 6 3", "true"},
            {"eq 3 4 5 6 7", "false"}, {"ne true true", "false"}, {"ne true false", "true"}, {"ne 1.5 1.5", "false"},
            {"ne 1.5 2.5", "true"}, {"ne 1 1", "false"}, {"ne 1 2", "true"}, {"ne `xy` `xy`", "false"},
            {"ne `xy` `xyz`", "true"}, {"ne .Uthree .Uthree", "false"}, {"ne .Uthree .Ufour", "true"},
            {"lt 1.5 1.5", "false"}, {"lt 1.5 2.5", "true"}, {"lt 1 1", "false"}, {"lt 1 2", "true"},
            {"lt `xy` `xy`", "false"}, {"lt `xy` `xyz`", "true"}, {"lt .Uthree .Uthree", "false"},
            {"lt .Uthree .Ufour", "true"}, {"le 1.5 1.5", "true"}, {"le 1.5 2.5", "true"}, {"le 2.5 1.5", "false"},
            {"le 1 1", "true"}, {"le 1 2", "true"}, {"le 2 1", "false"}, {"le `xy` `xy`", "true"},
            {"le `xy` `xyz`", "true"}, {"le `xyz` `xy`", "false"}, {"le .Uthree .Uthree", "true"},
            {"le .Uthree .Ufour", "true"}, {"le .Ufour .Uthree", "false"}, {"gt 1.5 1.5", "false"},
            {"gt 1.5 2.5", "false"}, {"gt 1 1", "false"}, {"gt 2 1", "true"}, {"gt 1 2", "false"},
            {"gt `xy` `xy`", "false"}, {"gt `xy` `xyz`", "false"}, {"gt .Uthree .Uthree", "false"},
            {"gt .Uthree .Ufour", "false"}, {"gt .Ufour .Uthree", "true"}, {"ge 1.5 1.5", "true"},
            {"ge 1.5 2.5", "false"}, {"ge 2.5 1.5", "true"}, {"ge 1 1", "true"}, {"ge 1 2", "false"},
            {"ge 2 1", "true"}, {"ge `xy` `xy`", "true"}, {"ge `xy` `xyz`", "false"}, {"ge `xyz` `xy`", "true"},
            {"ge .Uthree .Uthree", "true"}, {"ge .Uthree .Ufour", "false"}, {"ge .Ufour .Uthree", "true"},
            {"eq .Uthree .Three", "true"}, {"eq .Three .Uthree", "true"}, {"le .Uthree .Three", "true"},
            {"lt .Uthree .Three", "false"}, {"gt .Ufour .Three", "true"}, {"eq .NegOne .Uthree", "false"},
            {"lt .NegOne .Uthree", "true"}, {"ge .Uthree .NegOne", "true"},
            {"eq (index `x` 0) 'x'", "true"}, {"eq (index `x` 0) 'y'", "false"},
            {"eq `xy` 1", null}, {"eq 2 2.0", null}, {"lt true true", null},
        };
        return Stream.of(cases).map(test -> DynamicTest.dynamicTest(test[0], () -> {
            Template template = Template.parse("empty", "{{if " + test[0] + "}}true{{else}}false{{end}}");
            if (test[1] == null) {
                assertThrows(TemplateException.class, () -> template.execute(data));
            } else {
                assertEquals(test[1], template.execute(data));
            }
        }));
    }
}
