package io.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sluice.cli.stack.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml and deploy/ cannot run here (no Docker, no cluster to deploy to), so this test
 * reads them and checks that every service, its port and its Kafka setting are present.
 */
class DeploymentFilesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Map<Service, Integer> PORTS = Map.of(Service.SOURCE, 8081, Service.RENDER, 8082,
            Service.APPLY, 8083, Service.IMAGE, 8084, Service.NOTIFICATION, 8085);

    @Test
    void composeRunsKafkaInKraftModeAndEveryService() throws IOException {
        JsonNode services = new YAMLMapper().readTree(ROOT.resolve("docker-compose.yml").toFile()).get("services");
        JsonNode kafka = services.get("kafka");
        assertTrue(kafka.get("image").asText().startsWith("apache/kafka:"));
        assertEquals("broker,controller", kafka.get("environment").get("KAFKA_PROCESS_ROLES").asText());
        assertEquals("1", kafka.get("environment").get("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR").asText());
        for (Service service : Service.values()) {
            JsonNode node = services.get(service.module());
            assertNotNull(node, service.module() + " missing from docker-compose.yml");
            JsonNode env = node.get("environment");
            assertEquals("kafka:9092", env.get("KAFKA_BOOTSTRAP_SERVERS").asText(), service.module());
            assertEquals(PORTS.get(service).toString(), env.get("QUARKUS_HTTP_PORT").asText(), service.module());
            assertEquals(service.module(), node.get("build").get("args").get("SERVICE").asText());
            assertTrue(node.get("ports").get(0).asText().endsWith(":" + PORTS.get(service)), service.module());
        }
        assertEquals("/config", services.get("source-service").get("environment").get("SLUICE_SOURCE_CONFIG_DIRS")
                .asText());
        assertNotNull(services.get("apply-service").get("environment").get("SLUICE_APPLY_KUBECONFIG"));
    }

    @Test
    void kubernetesManifestsDeployEveryServiceWithProbesAndKafka() throws IOException {
        Map<String, JsonNode> byKindAndName = new HashMap<>();
        for (JsonNode doc : deployDocuments()) {
            byKindAndName.put(doc.get("kind").asText() + "/" + doc.get("metadata").get("name").asText(), doc);
        }
        assertNotNull(byKindAndName.get("StatefulSet/kafka"));
        assertEquals("kafka.sluice-system.svc:9092",
                byKindAndName.get("ConfigMap/sluice").get("data").get("KAFKA_BOOTSTRAP_SERVERS").asText());
        for (Service service : Service.values()) {
            JsonNode deployment = byKindAndName.get("Deployment/" + service.module());
            assertNotNull(deployment, service.module() + " has no Deployment in deploy/");
            JsonNode container = deployment.at("/spec/template/spec/containers/0");
            int port = PORTS.get(service);
            assertEquals(port, container.at("/ports/0/containerPort").asInt(), service.module());
            assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
            assertEquals("sluice", container.at("/envFrom/0/configMapRef/name").asText(), service.module());
            assertEquals(port, byKindAndName.get("Service/" + service.module()).at("/spec/ports/0/port").asInt());
        }
        assertEquals("apply-service",
                byKindAndName.get("Deployment/apply-service").at("/spec/template/spec/serviceAccountName").asText());
    }

    private static List<JsonNode> deployDocuments() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<JsonNode> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("deploy"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (var parser = yaml.getFactory().createParser(file.toFile())) {
                    yaml.readValues(parser, JsonNode.class).forEachRemaining(doc -> {
                        if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                            docs.add(doc);
                        }
                    });
                }
            }
        }
        return docs;
    }
}
