package io.sluice.testkit.kafka;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kafka.tools.StorageTool;

/**
 * Runs a single-node KRaft broker in this JVM: {@code KafkaBrokerMain <dataDir> <port> <controllerPort>}.
 * Formats the storage on first use, so a restarted broker keeps its topics.
 */
public final class KafkaBrokerMain {
    public static void main(String[] args) throws IOException {
        Path dataDir = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        int controllerPort = Integer.parseInt(args[2]);
        Path logDirs = dataDir.resolve("kraft-logs");
        Path properties = dataDir.resolve("server.properties");
        Files.createDirectories(logDirs);
        Files.write(properties, List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + logDirs,
                "num.partitions=3",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "message.max.bytes=8388608",
                "log.cleaner.backoff.ms=1000"));
        if (!Files.exists(logDirs.resolve("meta.properties"))) {
            String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
            StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", properties.toString()},
                    new PrintStream(System.out));
        }
        kafka.Kafka.main(new String[] {properties.toString()});
    }

    private KafkaBrokerMain() {
    }

}
