package io.sluice.cli;

import io.sluice.cli.demo.DemoRegistry;
import io.sluice.cli.demo.DemoSetup;
import io.sluice.cli.stack.Stack;
import io.sluice.cli.stack.StackDescription;
import io.sluice.cli.stack.StackOptions;
import io.sluice.events.AppStatus;
import io.sluice.events.Topics;
import io.sluice.events.kafka.TopicView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code sluice up}: runs a whole Sluice on this machine until Ctrl-C or {@code sluice down}. */
@Command(name = "up", description = "Start Kafka, the five services and (unless --kubeconfig) a sandbox cluster.")
final class UpCommand implements Callable<Integer> {
    @ParentCommand
    SluiceCommand root;

    @Option(names = "--config", paramLabel = "DIR", description = "A folder of configuration documents (repeatable).")
    List<Path> configDirs = new ArrayList<>();

    @Option(names = "--secrets", paramLabel = "DIR",
            description = "Secrets that secretRefs name, as DIR/<namespace>/<name>/<key> (a mounted Secret's layout).")
    Path secretsDir;

    @Option(names = "--configmaps", paramLabel = "DIR",
            description = "ConfigMaps for postBuild.substituteFrom, as DIR/<namespace>/<name>/<key>.")
    Path configMapsDir;

    @Option(names = "--bootstrap", paramLabel = "URL",
            description = "Read configuration documents from this Git repository too (as flux bootstrap does).")
    String bootstrapUrl;

    @Option(names = "--branch", defaultValue = "main", description = "Branch of --bootstrap (default: ${DEFAULT-VALUE}).")
    String bootstrapBranch;

    @Option(names = "--path", defaultValue = "./", description = "Folder of --bootstrap (default: ${DEFAULT-VALUE}).")
    String bootstrapPath;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Use this cluster instead of a sandbox.")
    Path kubeconfig;

    @Option(names = "--demo", description = "Create a local Git repository from examples/ and a config for it.")
    boolean demo;

    @Override
    public Integer call() throws Exception {
        Path state = root.stateDir().toAbsolutePath();
        if (runningStack(state)) {
            System.err.println("Sluice is already running from " + state + " (stop it with `sluice down`)");
            return 1;
        }
        Map<String, Path> folders = new LinkedHashMap<>();
        configDirs.forEach(dir -> folders.put("--config " + dir, dir));
        folders.put("--secrets " + secretsDir, secretsDir);
        folders.put("--configmaps " + configMapsDir, configMapsDir);
        for (Map.Entry<String, Path> folder : folders.entrySet()) {
            if (folder.getValue() != null && !Files.isDirectory(folder.getValue())) {
                System.err.println(folder.getKey() + ": not a readable folder");
                return 2;
            }
        }
        List<Path> configs = new ArrayList<>(configDirs);
        DemoRegistry registry = null;
        if (demo) {
            Path demoDir = Files.createDirectories(state.resolve("demo"));
            registry = DemoRegistry.start(demoDir).orElse(null);
            DemoSetup setup = new DemoSetup(SluiceCommand.home().resolve("examples"), demoDir);
            setup.prepare(registry);
            configs.add(setup.configDir());
            System.out.println("Demo repository: " + setup.repository().toUri()
                    + " (clone it, change examples, push: Sluice follows)");
            System.out.println(registry == null
                    ? "Demo registry: not started (install Debian's docker-registry for image automation)"
                    : "Demo registry: " + registry.image() + " (`sluice demo tag 1.0.1` pushes a new tag: the"
                            + " image automation commits it and Sluice applies it)");
        }
        DemoRegistry demoRegistry = registry;
        System.out.println("Starting Sluice (state in " + state + ")");
        Stack stack = Stack.start(new StackOptions(SluiceCommand.home(), state, configs, secretsDir,
                configMapsDir, bootstrapUrl == null ? null
                        : new StackOptions.Bootstrap(bootstrapUrl, bootstrapBranch, bootstrapPath), kubeconfig),
                System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        StatusReporter reporter = new StatusReporter(System.out);
        TopicView<AppStatus> statuses = new TopicView<>(stack.description().kafkaBootstrapServers(),
                Topics.APPLY_STATUS, AppStatus.class, reporter::report);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Sluice ...");
            statuses.close();
            stack.close();
            if (demoRegistry != null) {
                demoRegistry.close();
            }
            try {
                Files.deleteIfExists(state.resolve(StackDescription.FILE));
            } catch (java.io.IOException ignored) {
                // the next `up` checks whether the recorded process still lives
            }
            stopped.countDown();
        }));
        System.out.println("Sluice is up; stack described in " + state.resolve(StackDescription.FILE)
                + ". Ctrl-C or `sluice down` stops it.");
        statuses.start();
        stopped.await();
        return 0;
    }

    static boolean runningStack(Path state) {
        try {
            StackDescription stack = StackDescription.read(state);
            return ProcessHandle.of(stack.pid()).map(ProcessHandle::isAlive).orElse(false);
        } catch (java.io.IOException none) {
            return false;
        }
    }
}
