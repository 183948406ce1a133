package io.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * One run of the sluice command in this JVM against the stack a state folder describes: its exit
 * code, its output and what it printed on standard error.
 */
record CliRun(int exit, String output, String errors) {

    /** Runs {@code sluice --state-dir <state> <args>} and returns what it printed; fails the test on a non-zero exit. */
    static String succeeded(Path state, String... args) {
        CliRun run = of(state, args);
        assertEquals(0, run.exit(), "sluice " + String.join(" ", args) + " printed: " + run.output() + run.errors());
        return run.output();
    }

    /** Runs {@code sluice --state-dir <state> <args>}; runs do not overlap, as each takes System.out for itself. */
    static synchronized CliRun of(Path state, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errorBytes = new ByteArrayOutputStream();
        PrintStream original = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errorBytes, true, StandardCharsets.UTF_8));
        try {
            List<String> all = new ArrayList<>(List.of("--state-dir", state.toString()));
            all.addAll(List.of(args));
            return new CliRun(new CommandLine(new SluiceCommand()).execute(all.toArray(String[]::new)),
                    bytes.toString(StandardCharsets.UTF_8), errorBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
            System.setErr(originalErr);
            // still in the test's log, for when a run fails unexpectedly
            originalErr.print(errorBytes.toString(StandardCharsets.UTF_8));
        }
    }
}
