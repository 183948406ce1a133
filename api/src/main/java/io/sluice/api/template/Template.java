package io.sluice.api.template;

import java.nio.charset.StandardCharsets;

/**
 * A parsed template in the syntax of Go's text/template, as Flux's messageTemplate and Argo CD's
 * goTemplate use it. Data are plain Java values: maps (keys read as fields, {@code .Values.env}), lists,
 * strings, numbers, booleans, and records or other objects whose public no-argument methods read as
 * fields ({@code .OldValue} calls {@code oldValue()}). Immutable and safe to share.
 *
 * <pre>
 * String text = Template.parse("spec.git.commit.messageTemplate", source).execute(data);
 * </pre>
 */
public final class Template {
    private final String name;
    private final String text;
    private final Node.ListNode root;
    private final TemplateFunctions functions;
    private final MissingKey missingKey;

    private Template(String name, String text, Node.ListNode root, TemplateFunctions functions, MissingKey missingKey) {
        this.name = name;
        this.text = text;
        this.root = root;
        this.functions = functions;
        this.missingKey = missingKey;
    }

    /** Parses with {@link TemplateFunctions#standard()}; {@code name} is what errors call the template. */
    public static Template parse(String name, String text) {
        return parse(name, text, TemplateFunctions.standard());
    }

    /** Parses, or throws a {@link TemplateException} such as {@code template: NAME:2: function "x" not defined}. */
    public static Template parse(String name, String text, TemplateFunctions functions) {
        try {
            return new Template(name, text, Parser.parse(text, functions.names()), functions, MissingKey.DEFAULT);
        } catch (Parser.Failure failure) {
            throw new TemplateException("template: " + name + ":" + line(text, failure.pos) + ": " + failure.getMessage());
        }
    }

    /** A copy with Go's option text applied: "missingkey=default", "missingkey=invalid", "missingkey=zero" or "missingkey=error". */
    public Template option(String option) {
        String value = option.startsWith("missingkey=") ? option.substring("missingkey=".length()) : null;
        if (value == null) {
            throw new IllegalArgumentException("unrecognized option: " + option);
        }
        return switch (value) {
            case "default", "invalid" -> withMissingKey(MissingKey.DEFAULT);
            case "zero" -> withMissingKey(MissingKey.ZERO);
            case "error" -> withMissingKey(MissingKey.ERROR);
            default -> throw new IllegalArgumentException("unrecognized option: " + option);
        };
    }

    public Template withMissingKey(MissingKey mode) {
        return new Template(name, text, root, functions, mode);
    }

    public String name() {
        return name;
    }

    /**
     * The text for {@code data}, or a {@link TemplateException} naming the template, line, column, node and
     * failure: {@code template: NAME:3:14: executing "NAME" at <.Values.env>: map has no entry for key "env"}.
     */
    public String execute(Object data) {
        try {
            return Executor.execute(root, data, functions, missingKey);
        } catch (Executor.Located failure) {
            if (failure.node == null) {
                throw new TemplateException("template: " + name + ": " + failure.getMessage());
            }
            String context = failure.node.toString();
            byte[] bytes = context.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > 20) {
                context = new String(bytes, 0, 20, StandardCharsets.UTF_8) + "...";
            }
            int pos = failure.node.pos();
            throw new TemplateException("template: " + name + ":" + line(text, pos) + ":" + column(text, pos)
                    + ": executing " + Quoting.goQuote(name) + " at <" + context + ">: " + failure.getMessage());
        }
    }

    private static int line(String text, int pos) {
        return 1 + (int) text.substring(0, Math.min(pos, text.length())).chars().filter(c -> c == '\n').count();
    }

    /** Go counts the column in bytes from the start of the line, from 0. */
    private static int column(String text, int pos) {
        int lineStart = text.lastIndexOf('\n', pos - 1) + 1;
        return text.substring(lineStart, pos).getBytes(StandardCharsets.UTF_8).length;
    }
}
