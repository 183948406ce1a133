package io.sluice.testkit.kafka;

import io.sluice.events.kafka.TopicAdmin;
import io.sluice.testkit.process.ChildProcess;
import io.sluice.testkit.process.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A real single-node KRaft Kafka broker in its own JVM, on a loopback port. Tests share one per
 * JVM ({@link #shared()}); {@code sluice up} starts one with a data folder that outlives it.
 */
public final class KafkaBroker implements AutoCloseable {
    private static KafkaBroker shared;

    private final ChildProcess process;
    private final String bootstrapServers;

    private KafkaBroker(ChildProcess process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /** One broker for the whole test JVM, with Sluice's topics created; stopped when the JVM exits. */
    public static synchronized KafkaBroker shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("sluice-kafka-");
                shared = start(dir, FreePorts.next());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** Starts a broker keeping its data under {@code dataDir}, waits until it answers, and creates the topics. */
    public static KafkaBroker start(Path dataDir, int port) throws IOException {
        Files.createDirectories(dataDir);
        List<String> command = List.of(javaBinary(), "-Xmx512m", "-XX:+UseSerialGC",
                "-cp", brokerClasspath(), KafkaBrokerMain.class.getName(),
                dataDir.toAbsolutePath().toString(), Integer.toString(port), Integer.toString(FreePorts.next()));
        ChildProcess process = ChildProcess.start("kafka", command, Map.of(), dataDir, dataDir.resolve("broker.log"));
        KafkaBroker broker = new KafkaBroker(process, "127.0.0.1:" + port);
        try {
            broker.awaitReady(Duration.ofSeconds(180));
            TopicAdmin.ensureTopics(broker.bootstrapServers);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public long pid() {
        return process.pid();
    }

    private void awaitReady(Duration timeout) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        long end = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(props)) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka broker exited while starting:\n" + process.logTail(30));
                }
                try {
                    admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    if (System.nanoTime() > end) {
                        throw new IllegalStateException("Kafka broker not ready after " + timeout.toSeconds()
                                + " s:\n" + process.logTail(30));
                    }
                }
            }
        }
    }

    /**
     * The broker runs on exactly testkit's runtime classpath (written at build time), not on the
     * caller's, so a Quarkus service's test classpath cannot change the broker's libraries.
     */
    private static String brokerClasspath() {
        try (InputStream in = KafkaBroker.class.getResourceAsStream("broker-classpath.txt")) {
            if (in == null) {
                throw new IllegalStateException("broker-classpath.txt missing from testkit: build testkit with Maven");
            }
            String dependencies = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            Path own = Path.of(KafkaBroker.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return own + java.io.File.pathSeparator + dependencies;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    @Override
    public void close() {
        process.close();
    }
}
