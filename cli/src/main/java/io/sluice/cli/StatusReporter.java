package io.sluice.cli;

import io.sluice.events.AppStatus;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Prints one line whenever an application's sync, health, revision or message changes, so the
 * person who ran {@code sluice up} sees what Sluice does without repeated lines.
 */
final class StatusReporter {
    private final PrintStream out;
    private final Map<String, String> lastLine = new HashMap<>();

    StatusReporter(PrintStream out) {
        this.out = out;
    }

    synchronized void report(String key, AppStatus status) {
        if (status == null) {
            lastLine.remove(key);
            return;
        }
        String line = String.format("  app %s: %s, %s at %s: %s", status.app().display(), status.sync(),
                status.health(), status.revision(), status.message());
        if (!line.equals(lastLine.put(key, line))) {
            out.println(line);
        }
    }
}
