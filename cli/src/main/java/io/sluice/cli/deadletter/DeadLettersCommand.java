package io.sluice.cli.deadletter;

import io.sluice.cli.SluiceCommand;
import io.sluice.cli.stack.StackDescription;
import io.sluice.events.Topics;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code sluice deadletters replay TOPIC}: the records a stage set aside, sent back once their cause is fixed. */
@Command(name = "deadletters", description = "Act on the records the stages could not process and set aside on"
        + " <topic>.dlq (`sluice get deadletters` lists them).", subcommands = DeadLettersCommand.Replay.class)
public final class DeadLettersCommand {
    @ParentCommand
    SluiceCommand root;

    @Command(name = "replay", description = "Once what made them fail is fixed, send the dead letters of TOPIC.dlq"
            + " back to the topic they came from, oldest first, with their key, value and headers. Letters a replay"
            + " sent before are not sent again (the progress is the consumer group " + ReplayProgress.GROUP + "'s"
            + " offset on TOPIC.dlq). A letter of a compacted topic that a newer record of the same key has replaced"
            + " is left out: it would bring back an older state.")
    static final class Replay implements Callable<Integer> {
        @ParentCommand
        DeadLettersCommand deadLetters;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "TOPIC", description = "the Sluice topic the letters came from, e.g. "
                + Topics.APPLY_COMMANDS)
        String topic;

        @Override
        public Integer call() throws Exception {
            Topics.Spec replayed = Topics.ALL.stream().filter(found -> found.name().equals(topic)).findFirst()
                    .orElseThrow(() -> new ParameterException(spec.commandLine(), topic + " is not a Sluice topic:"
                            + " name the topic the letters came from, one of " + Topics.ALL.stream()
                                    .map(Topics.Spec::name).toList()));
            StackDescription stack = StackDescription.read(deadLetters.root.stateDir());
            DeadLetterReplay.Outcome outcome = DeadLetterReplay.replay(stack.kafkaBootstrapServers(), replayed);
            System.out.println("✔ sent " + letters(outcome.sent()) + " of " + replayed.deadLetter() + " back to "
                    + replayed.name() + (outcome.sent() + outcome.superseded() == 0
                            ? ": none was waiting (`sluice get deadletters --all` lists those replayed before)" : ""));
            if (outcome.superseded() > 0) {
                System.out.println("  left out " + letters(outcome.superseded()) + " that a newer record of the same"
                        + " key has replaced on " + replayed.name() + " (sending it would bring back an older state)");
            }
            return 0;
        }

        private static String letters(int count) {
            return count + (count == 1 ? " dead letter" : " dead letters");
        }
    }
}
