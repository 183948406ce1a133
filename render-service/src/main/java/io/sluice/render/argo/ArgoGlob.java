package io.sluice.render.argo;

import java.util.regex.Pattern;

/**
 * A directory source's include/exclude pattern as Argo CD matches it against a file's path
 * relative to the source path: {@code *} and {@code **} match any characters, '/' included (Argo
 * compiles the glob without separators), {@code ?} one character, {@code [abc]} a class and
 * {@code {a.yaml,b.yaml}} any of the alternatives.
 */
final class ArgoGlob {
    private final Pattern pattern;

    private ArgoGlob(Pattern pattern) {
        this.pattern = pattern;
    }

    static ArgoGlob compile(String glob) {
        StringBuilder regex = new StringBuilder();
        int braces = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                case '[' -> {
                    int end = glob.indexOf(']', i + 1);
                    if (end < 0) {
                        regex.append("\\[");
                    } else {
                        String body = glob.substring(i + 1, end);
                        regex.append('[').append(body.startsWith("!") ? "^" + body.substring(1) : body).append(']');
                        i = end;
                    }
                }
                case '{' -> {
                    braces++;
                    regex.append("(?:");
                }
                case '}' -> {
                    if (braces > 0) {
                        braces--;
                        regex.append(')');
                    } else {
                        regex.append("\\}");
                    }
                }
                case ',' -> regex.append(braces > 0 ? "|" : ",");
                case '\\' -> {
                    if (i + 1 < glob.length()) {
                        regex.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                    }
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        regex.append(")".repeat(braces));
        return new ArgoGlob(Pattern.compile(regex.toString()));
    }

    boolean matches(String relativePath) {
        return pattern.matcher(relativePath).matches();
    }
}
