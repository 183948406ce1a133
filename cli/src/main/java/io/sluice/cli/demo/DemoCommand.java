package io.sluice.cli.demo;

import io.sluice.cli.SluiceCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code sluice demo tag TAG}: what a CI pipeline would do in the demo, push a new image tag. */
@Command(name = "demo", description = "Play the parts the demo has no one for.", subcommands = DemoCommand.Tag.class)
public final class DemoCommand {
    @ParentCommand
    SluiceCommand root;

    @Command(name = "tag", description = "Push a new tag of the demo image (web-app) to the demo registry, as a CI"
            + " build would: the ImagePolicy chooses it if it is 1.x, the automation commits it, Sluice applies it.")
    static final class Tag implements Callable<Integer> {
        @ParentCommand
        DemoCommand demo;

        @Parameters(paramLabel = "TAG")
        String tag;

        @Override
        public Integer call() throws Exception {
            String pushed = DemoRegistry.push(demo.root.stateDir().toAbsolutePath().resolve("demo"), tag);
            System.out.println("pushed " + pushed + " (watch it with `sluice get images`, then `sluice get apps`)");
            return 0;
        }
    }
}
