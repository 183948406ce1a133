package io.sluice.render.postbuild;

import java.util.regex.Pattern;

/**
 * The {@code ${var#glob}}, {@code ##}, {@code %} and {@code %%} operators: remove the shortest or
 * longest prefix (suffix) matching a shell glob. As in Flux, {@code *} and {@code ?} match any
 * character ('/' included), {@code [a-z]} and {@code [^a-z]} are classes, a backslash quotes the
 * next character, and a malformed glob leaves the value unchanged.
 */
final class GlobTrim {

    static String prefix(String value, String glob, boolean longest) {
        Pattern pattern = compile(glob);
        if (pattern == null) {
            return value;
        }
        String match = null;
        // Non-empty prefixes from the longest down: the first match is the longest, the last the shortest.
        for (int end = value.length(); end > 0; end--) {
            if (pattern.matcher(value.substring(0, end)).matches()) {
                match = value.substring(0, end);
                if (longest) {
                    break;
                }
            }
        }
        return match == null ? value : value.substring(match.length());
    }

    static String suffix(String value, String glob, boolean longest) {
        Pattern pattern = compile(glob);
        if (pattern == null) {
            return value;
        }
        String match = null;
        for (int begin = 0; begin < value.length(); begin++) {
            if (pattern.matcher(value.substring(begin)).matches()) {
                match = value.substring(begin);
                if (longest) {
                    break;
                }
            }
        }
        return match == null ? value : value.substring(0, value.length() - match.length());
    }

    /** The glob as a regular expression, or null when it is malformed. */
    private static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i++);
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                case '\\' -> {
                    if (i >= glob.length()) {
                        return null;
                    }
                    regex.append(Pattern.quote(String.valueOf(glob.charAt(i++))));
                }
                case '[' -> {
                    int end = characterClass(glob, i, regex);
                    if (end < 0) {
                        return null;
                    }
                    i = end;
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** Appends the class that starts after '[' at {@code i}; returns the index after its ']', or -1. */
    private static int characterClass(String glob, int i, StringBuilder regex) {
        regex.append('[');
        if (i < glob.length() && glob.charAt(i) == '^') {
            regex.append('^');
            i++;
        }
        int ranges = 0;
        while (true) {
            if (i >= glob.length()) {
                return -1;
            }
            char c = glob.charAt(i);
            if (c == ']' && ranges > 0) {
                regex.append(']');
                return i + 1;
            }
            if (c == '-' || c == ']') {
                return -1;
            }
            if (c == '\\') {
                if (++i >= glob.length()) {
                    return -1;
                }
                c = glob.charAt(i);
            }
            regex.append(escapeInClass(c));
            i++;
            if (i < glob.length() && glob.charAt(i) == '-') {
                if (++i >= glob.length() || glob.charAt(i) == ']') {
                    return -1;
                }
                char hi = glob.charAt(i) == '\\' && i + 1 < glob.length() ? glob.charAt(++i) : glob.charAt(i);
                regex.append('-').append(escapeInClass(hi));
                i++;
            }
            ranges++;
        }
    }

    private static String escapeInClass(char c) {
        return Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c;
    }

    private GlobTrim() {
    }
}
