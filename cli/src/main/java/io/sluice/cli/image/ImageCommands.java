package io.sluice.cli.image;

import io.sluice.cli.SluiceCommand;
import io.sluice.cli.stack.Service;
import io.sluice.cli.stack.ServiceApi;
import io.sluice.cli.stack.StackDescription;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code sluice image diff NAME}: what an ImageUpdateAutomation would commit now, without committing. */
@Command(name = "image", description = "Image automation.", subcommands = ImageCommands.Diff.class)
public final class ImageCommands {
    @ParentCommand
    SluiceCommand root;

    @Command(name = "diff", description = "Show the change the ImageUpdateAutomation NAME would commit now (the"
            + " files its setter markers change, as a unified diff), without committing or pushing.")
    static final class Diff implements Callable<Integer> {
        @ParentCommand
        ImageCommands image;

        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = {"-n", "--namespace"}, defaultValue = "flux-system",
                description = "default: ${DEFAULT-VALUE}")
        String namespace;

        @Override
        public Integer call() throws Exception {
            StackDescription stack = StackDescription.read(image.root.stateDir());
            String diff;
            try {
                diff = new ServiceApi(stack).text(Service.IMAGE, "/api/automations/" + encode(namespace) + "/"
                        + encode(name) + "/diff");
            } catch (IOException e) {
                System.err.println(e.getMessage());
                return 1;
            }
            System.out.print(diff.isEmpty() ? "no change: every marked field already has the chosen image\n" : diff);
            return 0;
        }

        private static String encode(String segment) {
            return URLEncoder.encode(segment, StandardCharsets.UTF_8);
        }
    }
}
