package io.sluice.cli;

import io.sluice.cli.stack.StackDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code sluice down}: stops the stack that {@code sluice up} started from this folder. */
@Command(name = "down", description = "Stop the running Sluice.")
final class DownCommand implements Callable<Integer> {
    @ParentCommand
    SluiceCommand root;

    @Override
    public Integer call() throws Exception {
        Path state = root.stateDir().toAbsolutePath();
        StackDescription stack = StackDescription.read(state);
        Optional<ProcessHandle> up = ProcessHandle.of(stack.pid());
        if (up.isPresent() && up.get().isAlive()) {
            // `sluice up` stops its children in its shutdown hook.
            up.get().destroy();
            up.get().onExit().get(90, TimeUnit.SECONDS);
        }
        // Anything left (e.g. `up` was killed with -9 before its watchdogs noticed) is stopped here.
        for (long pid : stack.processes().values()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        }
        Files.deleteIfExists(state.resolve(StackDescription.FILE));
        System.out.println("Sluice stopped.");
        return 0;
    }
}
