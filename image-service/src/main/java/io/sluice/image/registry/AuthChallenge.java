package io.sluice.image.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 7235): a scheme and its parameters, as a
 * registry asks a client to log in: {@code Basic realm="Registry"} or {@code Bearer
 * realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"}.
 * Parameters may come in any order, quoted or not, with spaces around the separators.
 */
public record AuthChallenge(String scheme, Map<String, String> parameters) {

    /** The parameter {@code name} (case-insensitive), or null. */
    public String parameter(String name) {
        return parameters.get(name.toLowerCase(Locale.ROOT));
    }

    /** The challenges of a header's value; schemes lower-cased. Unreadable parts are skipped. */
    public static List<AuthChallenge> parse(String header) {
        List<AuthChallenge> challenges = new ArrayList<>();
        Cursor in = new Cursor(header);
        while (true) {
            in.skip(", \t");
            String scheme = in.token();
            if (scheme.isEmpty()) {
                return challenges;
            }
            Map<String, String> parameters = new TreeMap<>();
            while (true) {
                int mark = in.at;
                in.skip(", \t");
                String name = in.token();
                in.skip(" \t");
                if (name.isEmpty() || !in.take('=')) {
                    // Not a parameter: the next challenge's scheme (or the end).
                    in.at = mark;
                    break;
                }
                in.skip(" \t");
                parameters.put(name.toLowerCase(Locale.ROOT), in.peek() == '"' ? in.quoted() : in.token());
            }
            challenges.add(new AuthChallenge(scheme.toLowerCase(Locale.ROOT), parameters));
        }
    }

    private static final class Cursor {
        private final String text;
        private int at;

        Cursor(String text) {
            this.text = text == null ? "" : text;
        }

        char peek() {
            return at < text.length() ? text.charAt(at) : 0;
        }

        void skip(String chars) {
            while (at < text.length() && chars.indexOf(text.charAt(at)) >= 0) {
                at++;
            }
        }

        boolean take(char c) {
            if (peek() == c) {
                at++;
                return true;
            }
            return false;
        }

        /** An RFC 7230 token (letters, digits and !#$%&'*+-.^_`|~), or base64 token68 characters. */
        String token() {
            int start = at;
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at))
                    || "!#$%&'*+-.^_`|~/".indexOf(text.charAt(at)) >= 0)) {
                at++;
            }
            return text.substring(start, at);
        }

        /** A quoted string, its escapes undone; an unclosed one runs to the end. */
        String quoted() {
            StringBuilder value = new StringBuilder();
            at++;
            while (at < text.length() && text.charAt(at) != '"') {
                if (text.charAt(at) == '\\' && at + 1 < text.length()) {
                    at++;
                }
                value.append(text.charAt(at++));
            }
            at++;
            return value.toString();
        }
    }
}
