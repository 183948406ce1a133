package io.sluice.api.meta;

import io.sluice.api.read.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regular expression as Flux writes it, in Go's syntax (RE2: Flux's exclusionList and
 * filterTags.pattern), with its Java equivalent: named groups ({@code (?P<name>...)} and
 * {@code (?<name>...)}) become numbered ones, known by name here; inside brackets, POSIX classes
 * ({@code [[:alpha:]]}) become Java's and '[' and '&' stay literal as in Go. What Go has not
 * (lookaround, atomic groups, backreferences) is refused, as Flux would refuse it.
 */
public final class GoRegex {
    /** {@code $name} or {@code ${name}} in a Go Regexp.Expand template; {@code $$} is a dollar. */
    private static final Pattern TEMPLATE_GROUP = Pattern.compile("\\$(?:\\$|\\{([A-Za-z0-9_]+)}|([A-Za-z0-9_]+))");
    private static final Map<String, String> POSIX_CLASSES = Map.ofEntries(Map.entry("alnum", "Alnum"),
            Map.entry("alpha", "Alpha"), Map.entry("ascii", "ASCII"), Map.entry("blank", "Blank"),
            Map.entry("cntrl", "Cntrl"), Map.entry("digit", "Digit"), Map.entry("graph", "Graph"),
            Map.entry("lower", "Lower"), Map.entry("print", "Print"), Map.entry("punct", "Punct"),
            Map.entry("space", "Space"), Map.entry("upper", "Upper"), Map.entry("xdigit", "XDigit"));

    private final String expression;
    private final Pattern pattern;
    private final Map<String, Integer> namedGroups;

    private GoRegex(String expression, Pattern pattern, Map<String, Integer> namedGroups) {
        this.expression = expression;
        this.pattern = pattern;
        this.namedGroups = namedGroups;
    }

    /** The expression; an IllegalArgumentException saying why (e.g. "unclosed group") when it is not one. */
    public static GoRegex parse(String expression) {
        Map<String, Integer> named = new LinkedHashMap<>();
        String java = new Translation(expression, named).run();
        try {
            return new GoRegex(expression, Pattern.compile(java), Map.copyOf(named));
        } catch (PatternSyntaxException e) {
            String description = e.getDescription();
            throw new IllegalArgumentException(Character.toLowerCase(description.charAt(0)) + description.substring(1));
        }
    }

    /**
     * The expression {@code field} holds; {@code absent} parsed when the field is not set or blank (null:
     * null); null, with an error naming the field, when it is no valid expression.
     */
    public static GoRegex read(Node field, String absent) {
        String expression = field.string();
        if (expression == null) {
            return absent == null ? null : parse(absent);
        }
        try {
            return parse(expression);
        } catch (IllegalArgumentException e) {
            field.error("must be a valid regular expression, not '" + expression + "' (" + e.getMessage() + ")");
            return null;
        }
    }

    /** The expression as written. */
    public String expression() {
        return expression;
    }

    /** The Java pattern that matches as Go's would; its groups are numbered as Go numbers them. */
    public Pattern pattern() {
        return pattern;
    }

    /** The number of each named group. */
    public Map<String, Integer> namedGroups() {
        return namedGroups;
    }

    /**
     * The groups a Go Regexp.Expand template ({@code $1}, {@code $name}, {@code ${name}}) refers to that
     * this expression does not have: Go puts "" for them, so a template naming one never gives a value.
     */
    public List<String> unknownGroups(String template) {
        List<String> unknown = new ArrayList<>();
        Matcher matcher = TEMPLATE_GROUP.matcher(template);
        int groups = pattern.matcher("").groupCount();
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            boolean known = name == null || namedGroups.containsKey(name)
                    || name.matches("\\d{1,9}") && Integer.parseInt(name) <= groups;
            if (!known) {
                unknown.add(name);
            }
        }
        return unknown;
    }

    /**
     * {@code template} with each {@code $1}, {@code $name} and {@code ${name}} replaced by what that group of
     * {@code match} (a match of {@link #pattern()}) matched, as Go's Regexp.Expand does: a name is the longest
     * run of letters, digits and '_' ("$1x" is group "1x"), a group that does not exist or took no part gives
     * "", {@code $$} is one dollar, and a '$' followed by no name stays as it is.
     */
    public String expand(String template, MatchResult match) {
        StringBuilder expanded = new StringBuilder();
        int at = 0;
        int dollar;
        while ((dollar = template.indexOf('$', at)) >= 0) {
            expanded.append(template, at, dollar);
            at = dollar + 1;
            if (template.startsWith("$", at)) {
                expanded.append('$');
                at++;
                continue;
            }
            boolean braced = template.startsWith("{", at);
            int nameStart = braced ? at + 1 : at;
            int nameEnd = nameStart;
            while (nameEnd < template.length() && isNameCharacter(template.codePointAt(nameEnd))) {
                nameEnd += Character.charCount(template.codePointAt(nameEnd));
            }
            boolean closed = !braced || template.startsWith("}", nameEnd);
            if (nameEnd == nameStart || !closed) {
                expanded.append('$');
                continue;
            }
            Integer group = groupNumber(template.substring(nameStart, nameEnd), match.groupCount());
            if (group != null && match.group(group) != null) {
                expanded.append(match.group(group));
            }
            at = braced ? nameEnd + 1 : nameEnd;
        }
        return expanded.append(template, at, template.length()).toString();
    }

    private static boolean isNameCharacter(int c) {
        return Character.isLetter(c) || Character.isDigit(c) || c == '_';
    }

    /** The group a template name refers to: a number (Go's: ASCII digits, no leading zero, below 10^8) or a name. */
    private Integer groupNumber(String name, int groups) {
        if (name.matches("0|[1-9][0-9]{0,8}")) {
            int number = Integer.parseInt(name);
            return number <= groups ? number : null;
        }
        return namedGroups.get(name);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GoRegex regex && regex.expression.equals(expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    @Override
    public String toString() {
        return expression;
    }

    /** One pass over a Go expression, writing its Java equivalent and numbering its groups. */
    private static final class Translation {
        private final String go;
        private final Map<String, Integer> named;
        private final StringBuilder java = new StringBuilder();
        private int at;
        private int groups;
        private boolean inClass;

        Translation(String go, Map<String, Integer> named) {
            this.go = go;
            this.named = named;
        }

        String run() {
            while (at < go.length()) {
                char c = go.charAt(at);
                if (c == '\\') {
                    escape();
                } else if (inClass) {
                    classCharacter(c);
                } else if (c == '[') {
                    openClass();
                } else if (c == '(') {
                    group();
                } else {
                    java.append(c);
                    at++;
                }
            }
            return java.toString();
        }

        private void escape() {
            char next = at + 1 < go.length() ? go.charAt(at + 1) : 0;
            if (next >= '1' && next <= '9' || next == 'k') {
                throw new IllegalArgumentException("backreferences are not in Go's regular expressions");
            }
            java.append(go, at, Math.min(at + 2, go.length()));
            at += 2;
        }

        private void openClass() {
            inClass = true;
            java.append('[');
            at++;
            if (at < go.length() && go.charAt(at) == '^') {
                java.append('^');
                at++;
            }
            if (at < go.length() && go.charAt(at) == ']') {
                java.append("\\]");
                at++;
            }
        }

        private void classCharacter(char c) {
            if (c == ']') {
                inClass = false;
                java.append(c);
                at++;
            } else if (c == '[' && go.startsWith("[:", at)) {
                posixClass();
            } else {
                // In Go '[' and '&' are plain characters in a class; in Java they nest and intersect classes.
                java.append(c == '[' || c == '&' ? "\\" + c : String.valueOf(c));
                at++;
            }
        }

        private void posixClass() {
            int end = go.indexOf(":]", at + 2);
            String name = end < 0 ? "" : go.substring(at + 2, end);
            boolean negated = name.startsWith("^");
            String javaName = POSIX_CLASSES.get(negated ? name.substring(1) : name);
            if (javaName == null) {
                throw new IllegalArgumentException("unknown character class "
                        + (end < 0 ? "[:" : go.substring(at, end + 2)));
            }
            java.append(negated ? "\\P{" : "\\p{").append(javaName).append('}');
            at = end + 2;
        }

        private void group() {
            if (go.startsWith("(?P<", at) || go.startsWith("(?<", at) && !go.startsWith("(?<=", at)
                    && !go.startsWith("(?<!", at)) {
                int start = go.indexOf('<', at) + 1;
                int end = go.indexOf('>', start);
                String name = end < 0 ? "" : go.substring(start, end);
                if (!name.matches("[A-Za-z0-9_]+")) {
                    throw new IllegalArgumentException("invalid named capture");
                }
                if (named.put(name, ++groups) != null) {
                    throw new IllegalArgumentException("duplicate capture group name " + name);
                }
                java.append('(');
                at = end + 1;
            } else if (go.startsWith("(?=", at) || go.startsWith("(?!", at) || go.startsWith("(?<", at)
                    || go.startsWith("(?>", at)) {
                throw new IllegalArgumentException("lookaround and atomic groups are not in Go's regular expressions");
            } else {
                if (!go.startsWith("(?", at)) {
                    groups++;
                }
                java.append('(');
                at++;
            }
        }
    }
}
