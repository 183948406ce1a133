package io.sluice.testkit.kafka;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a Quarkus service under test at the test JVM's shared real broker. Use it on every test
 * class of a module ({@code @QuarkusTestResource(KafkaTestResource.class)}) so Quarkus starts once.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", KafkaBroker.shared().bootstrapServers());
    }

    @Override
    public void stop() {
        // The shared broker stops with the JVM; other test classes may still use it.
    }
}
