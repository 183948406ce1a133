package io.sluice.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** One run of the sluice command in this JVM against the stack a state folder describes: its exit code and output. */
record CliRun(int exit, String output) {

    /** Runs {@code sluice --state-dir <state> <args>}; runs do not overlap, as each takes System.out for itself. */
    static synchronized CliRun of(Path state, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            List<String> all = new ArrayList<>(List.of("--state-dir", state.toString()));
            all.addAll(List.of(args));
            return new CliRun(new CommandLine(new SluiceCommand()).execute(all.toArray(String[]::new)),
                    bytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }
}
