package io.sluice.apply;

import static io.sluice.apply.ApplyFixture.configMap;
import static io.sluice.apply.ApplyFixture.revision;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.api.ObjectRef;
import io.sluice.events.Event;
import io.sluice.events.Json;
import io.sluice.testkit.kafka.KafkaTestResource;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A subscriber outside Sluice reads the events of a real sync with the CloudEvents SDK for Java:
 * binary mode, the attributes in ce_ headers, the event itself as the JSON data.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ClusterTestResource.class)
class CloudEventsSubscriberTest {
    private final ApplyFixture fixture = ApplyFixture.shared();

    @Test
    void theEventOfASyncIsACloudEventAboutTheApplication() {
        String ns = ApplyFixture.newNamespace("cloudevents");
        ObjectRef app = fixture.appliedApp("cloudevents", true, ns, revision("ce01"),
                List.of(configMap("settings", null, Map.of("color", "blue"))));

        ConsumerRecord<String, CloudEvent> record = EventRecords.await(CloudEventDeserializer.class,
                "the sync's event about " + app.name(), r -> app.id().equals(r.value().getSubject())
                        && "ReconciliationSucceeded".equals(data(r.value()).reason()));

        CloudEvent event = record.value();
        assertEquals(SpecVersion.V1, event.getSpecVersion());
        assertEquals("io.sluice.apply.reconciliation-succeeded", event.getType());
        assertEquals(URI.create("/sluice/apply-service"), event.getSource());
        assertEquals(app.id(), event.getSubject());
        assertEquals(app.id(), record.key());
        assertEquals("application/json", event.getDataContentType());
        assertFalse(event.getId().isBlank());
        assertNotNull(event.getTime());
        Event data = data(event);
        assertEquals(app, data.involvedObject());
        assertEquals(revision("ce01"), data.revision());
        assertEquals("Applied revision: " + revision("ce01") + " (1 created, 0 configured, 0 unchanged, 0 pruned)",
                data.message());
    }

    private static Event data(CloudEvent event) {
        return Json.read(new String(event.getData().toBytes(), StandardCharsets.UTF_8), Event.class);
    }
}
