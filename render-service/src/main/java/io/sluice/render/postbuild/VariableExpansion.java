package io.sluice.render.postbuild;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Expands {@code ${var}} expressions the way Flux's post-build substitution does (its envsubst
 * fork): only the braced form is an expression ({@code $var} stays text), {@code $$} is a literal
 * {@code $} (so {@code $${var}} gives {@code ${var}}), and a variable that is not set expands to
 * the empty string (Flux's default, non-strict mode). Operators, as Flux parses them:
 * {@code ${var:=default}} and its alike {@code = :- :? :+} (all: the default when the value is
 * empty), {@code ${#var}}, {@code ${var^} ${var^^} ${var,} ${var,,}}, {@code ${var:offset:length}},
 * {@code ${var#glob} ${var##glob} ${var%glob} ${var%%glob}} and
 * {@code ${var/from/to} ${var//from/to} ${var/#from/to} ${var/%from/to}}. Defaults and arguments
 * may hold nested expressions. Text that Flux cannot parse (e.g. {@code ${var-x}}, {@code ${}}) is
 * an error here too, not left as it was.
 */
public final class VariableExpansion {
    private final String text;
    private final UnaryOperator<String> lookup;
    private int at;

    private VariableExpansion(String text, UnaryOperator<String> lookup) {
        this.text = text;
        this.lookup = lookup;
    }

    /** {@code text} with every expression replaced; {@code lookup} returns null for a variable not set. */
    public static String expand(String text, UnaryOperator<String> lookup) throws SubstitutionException {
        VariableExpansion expansion = new VariableExpansion(text, name -> {
            String value = lookup.apply(name);
            return value == null ? "" : value;
        });
        return expansion.top();
    }

    /** A parse error of one expression; the message names the expression, never a value. */
    public static final class SubstitutionException extends Exception {
        SubstitutionException(String message) {
            super(message);
        }
    }

    private String top() throws SubstitutionException {
        StringBuilder out = new StringBuilder(text.length());
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '$' && peek(1) == '{') {
                out.append(expression());
            } else if (c == '$' && peek(1) == '$') {
                // The escape keeps the second '$' and whatever follows it as text.
                out.append('$');
                at += 2;
            } else {
                out.append(c);
                at++;
            }
        }
        return out.toString();
    }

    /** Parses and evaluates the expression starting at the "${" under {@code at}. */
    private String expression() throws SubstitutionException {
        int start = at;
        at += 2;
        if (peek(0) == '#') {
            at++;
            String name = identifier(start);
            close(start);
            return String.valueOf(lookup.apply(name).length());
        }
        String name = identifier(start);
        char next = peek(0);
        switch (next) {
            case '}' -> {
                at++;
                return lookup.apply(name);
            }
            case ':' -> {
                char after = peek(1);
                if (after == '=' || after == '-' || after == '?' || after == '+') {
                    at += 2;
                    return orDefault(name, start);
                }
                at++;
                return substring(name, start);
            }
            case '=' -> {
                at++;
                return orDefault(name, start);
            }
            case ',', '^' -> {
                return casing(name, start);
            }
            case '/' -> {
                return replace(name, start);
            }
            case '#', '%' -> {
                return trim(name, next, start);
            }
            default -> throw error("missing closing brace", start);
        }
    }

    private String identifier(int start) throws SubstitutionException {
        int from = at;
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
            at++;
        }
        if (at == from) {
            throw error("unable to parse variable name", start);
        }
        return text.substring(from, at);
    }

    private String orDefault(String name, int start) throws SubstitutionException {
        StringBuilder fallback = new StringBuilder();
        while (peek(0) != '}') {
            if (at >= text.length()) {
                throw error("unable to parse substitution within function", start);
            }
            fallback.append(argument(c -> c != '}', false, start));
        }
        at++;
        String value = lookup.apply(name);
        return value.isEmpty() ? fallback.toString() : value;
    }

    private String casing(String name, int start) throws SubstitutionException {
        int from = at;
        while (at - from < 2 && (peek(0) == ',' || peek(0) == '^')) {
            at++;
        }
        String operator = text.substring(from, at);
        close(start);
        String value = lookup.apply(name);
        if (value.isEmpty()) {
            return value;
        }
        String first = value.substring(0, value.offsetByCodePoints(0, 1));
        String rest = value.substring(first.length());
        return switch (operator) {
            case "^^" -> value.toUpperCase(java.util.Locale.ROOT);
            case ",," -> value.toLowerCase(java.util.Locale.ROOT);
            case "^" -> first.toUpperCase(java.util.Locale.ROOT) + rest;
            case "," -> first.toLowerCase(java.util.Locale.ROOT) + rest;
            default -> value;
        };
    }

    /** {@code ${var:offset}} and {@code ${var:offset:length}}; an offset or length that is no number gives the value. */
    private String substring(String name, int start) throws SubstitutionException {
        List<String> args = new ArrayList<>();
        args.add(argument(c -> c != ':' && c != '}', false, start));
        if (peek(0) == ':') {
            at++;
            args.add(argument(c -> c != '}', false, start));
        }
        close(start);
        String value = lookup.apply(name);
        Integer offset = number(args.get(0));
        if (offset == null) {
            return value;
        }
        int from = offset < 0 ? Math.max(0, value.length() + offset) : offset;
        if (args.size() == 1) {
            return from < value.length() ? value.substring(from) : "";
        }
        Integer length = number(args.get(1));
        if (length == null) {
            return value;
        }
        if (from + length >= value.length()) {
            return from < value.length() ? value.substring(from) : "";
        }
        if (length < 0) {
            throw error("negative substring length", start);
        }
        return value.substring(from, from + length);
    }

    private String replace(String name, int start) throws SubstitutionException {
        at++;
        char mode = peek(0) == '/' || peek(0) == '#' || peek(0) == '%' ? text.charAt(at++) : 0;
        String from = argument(c -> c != '/', true, start);
        if (peek(0) != '/') {
            throw error("bad substitution", start);
        }
        at++;
        String to = peek(0) == '}' ? "" : argument(c -> c != '}', true, start);
        close(start);
        String value = lookup.apply(name);
        return switch (mode) {
            case '/' -> value.replace(from, to);
            case '#' -> value.startsWith(from) ? to + value.substring(from.length()) : value;
            case '%' -> value.endsWith(from) ? value.substring(0, value.length() - from.length()) + to : value;
            default -> {
                int found = value.indexOf(from);
                yield found < 0 ? value : value.substring(0, found) + to + value.substring(found + from.length());
            }
        };
    }

    private String trim(String name, char operator, int start) throws SubstitutionException {
        at++;
        boolean longest = peek(0) == operator;
        if (longest) {
            at++;
        }
        String pattern = argument(c -> c != '}', false, start);
        close(start);
        String value = lookup.apply(name);
        return operator == '#' ? GlobTrim.prefix(value, pattern, longest) : GlobTrim.suffix(value, pattern, longest);
    }

    private interface CharTest {
        boolean accepts(char c);
    }

    /**
     * One argument: a nested expression, or a run of accepted text up to the next "${". Escapes
     * ({@code \/}, {@code \\}, {@code $$}) count only where Flux reads them: in replace arguments.
     */
    private String argument(CharTest accepts, boolean escapes, int start) throws SubstitutionException {
        if (peek(0) == '$' && peek(1) == '{') {
            return expression();
        }
        StringBuilder out = new StringBuilder();
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '$' && peek(1) == '{') {
                break;
            }
            if (escapes && (c == '\\' && (peek(1) == '/' || peek(1) == '\\') || c == '$' && peek(1) == '$')) {
                out.append(text.charAt(at + 1));
                at += 2;
                continue;
            }
            if (!accepts.accepts(c)) {
                break;
            }
            out.append(c);
            at++;
        }
        if (out.isEmpty()) {
            throw error("unable to parse substitution within function", start);
        }
        return out.toString();
    }

    private void close(int start) throws SubstitutionException {
        if (peek(0) != '}') {
            throw error("bad substitution", start);
        }
        at++;
    }

    private char peek(int ahead) {
        int index = at + ahead;
        return index < text.length() ? text.charAt(index) : 0;
    }

    private static Integer number(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The problem, the expression as written (up to 40 characters) and its line in the text. */
    private SubstitutionException error(String problem, int start) {
        int end = Math.min(text.length(), start + 40);
        int brace = text.indexOf('}', start);
        if (brace >= 0 && brace < end) {
            end = brace + 1;
        }
        String expression = text.substring(start, end).lines().findFirst().orElse("");
        long line = text.substring(0, start).chars().filter(c -> c == '\n').count() + 1;
        return new SubstitutionException(problem + " in '" + expression + "' at line " + line);
    }
}
