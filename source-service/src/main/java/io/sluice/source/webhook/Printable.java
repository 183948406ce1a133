package io.sluice.source.webhook;

/**
 * A value a caller sent (a header, an event name), made safe to quote in a log line, an event or a
 * reply: no control characters that could forge log lines, and not longer than a line should be.
 */
final class Printable {
    private static final int MAX = 200;

    static String of(String value) {
        if (value == null) {
            return "";
        }
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= MAX ? printable : printable.substring(0, MAX) + "...";
    }

    private Printable() {
    }
}
