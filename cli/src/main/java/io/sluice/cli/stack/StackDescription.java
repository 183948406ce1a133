package io.sluice.cli.stack;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.sluice.events.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What {@code .sluice/stack.json} says about a running stack, so that the CLI's client commands
 * and other tools can find it: the broker, each service's base URL, the kubeconfig in use.
 */
public record StackDescription(long pid, String kafkaBootstrapServers, Map<String, String> services,
        String kubeconfig, String sandbox, Map<String, Long> processes) {

    public static final String FILE = "stack.json";

    public void write(Path stateDir) throws IOException {
        Files.createDirectories(stateDir);
        Files.writeString(stateDir.resolve(FILE),
                Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this));
    }

    /** Reads the description of the stack started from {@code stateDir}, failing with a hint when there is none. */
    public static StackDescription read(Path stateDir) throws IOException {
        Path file = stateDir.resolve(FILE);
        if (!Files.exists(file)) {
            throw new IOException("no running Sluice found: " + file + " does not exist (start one with `sluice up`)");
        }
        return Json.MAPPER.readValue(file.toFile(), StackDescription.class);
    }
}
