package io.sluice.api.template;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Go's string quoting: strconv.Quote for %q and error messages, strconv.Unquote for literals. */
final class Quoting {
    private Quoting() {
    }

    /** As strconv.Quote: double quotes, Go escapes for control characters, printable Unicode kept. */
    static String goQuote(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.codePoints().forEach(cp -> appendEscaped(out, cp, '"'));
        return out.append('"').toString();
    }

    /** As strconv.QuoteRune. */
    static String goQuoteRune(int codePoint) {
        StringBuilder out = new StringBuilder("'");
        appendEscaped(out, codePoint, '\'');
        return out.append('\'').toString();
    }

    private static void appendEscaped(StringBuilder out, int cp, char quote) {
        switch (cp) {
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\t' -> out.append("\\t");
            case '\r' -> out.append("\\r");
            case 0x07 -> out.append("\\a");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case 0x0b -> out.append("\\v");
            default -> {
                if (cp == quote) {
                    out.append('\\').append(quote);
                } else if (cp < 0x20 || cp == 0x7f) {
                    out.append(String.format("\\x%02x", cp));
                } else if (!Character.isDefined(cp) || Character.getType(cp) == Character.FORMAT) {
                    out.append(cp > 0xffff ? String.format("\\U%08x", cp) : String.format("\\u%04x", cp));
                } else {
                    out.appendCodePoint(cp);
                }
            }
        }
    }

    /** The value of a Go interpreted string literal ("..." with escapes), or null if it is malformed. */
    static String unquote(String literal) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String body = literal.substring(1, literal.length() - 1);
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i++);
            if (c != '\\') {
                int cp = Character.isHighSurrogate(c) && i < body.length() ? Character.toCodePoint(c, body.charAt(i++)) : c;
                bytes.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (i >= body.length()) {
                return null;
            }
            char e = body.charAt(i++);
            switch (e) {
                case 'n' -> bytes.write('\n');
                case 't' -> bytes.write('\t');
                case 'r' -> bytes.write('\r');
                case 'a' -> bytes.write(7);
                case 'b' -> bytes.write('\b');
                case 'f' -> bytes.write('\f');
                case 'v' -> bytes.write(11);
                case '\\', '"', '\'' -> bytes.write(e);
                case 'x', 'u', 'U' -> {
                    int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + digits > body.length()) {
                        return null;
                    }
                    int value;
                    try {
                        value = Integer.parseInt(body.substring(i, i + digits), 16);
                    } catch (NumberFormatException notHex) {
                        return null;
                    }
                    i += digits;
                    if (e == 'x') {
                        bytes.write(value);
                    } else {
                        bytes.writeBytes(new String(Character.toChars(value)).getBytes(StandardCharsets.UTF_8));
                    }
                }
                default -> {
                    if (e < '0' || e > '7' || i + 2 > body.length()) {
                        return null;
                    }
                    bytes.write(Integer.parseInt(body.substring(i - 1, i + 2), 8));
                    i += 2;
                }
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
