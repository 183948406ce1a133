package example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Prints every event Sluice publishes on sluice.events, oldest first: its CloudEvents type
 * (io.sluice.apply.reconciliation-succeeded), subject (the object's id), time, and the message of
 * the event in the data. Arguments: the Kafka bootstrap servers (default localhost:9092) and the
 * consumer group (default sluice-event-printer: a second run goes on where the first stopped; the
 * events are shared out between the runs of one group, and every group gets all of them).
 */
public final class EventSubscriber {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws IOException {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args.length > 0 ? args[0] : "localhost:9092");
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, args.length > 1 ? args[1] : "sluice-event-printer");
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        // the ce_ headers and the JSON value become one CloudEvent
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, CloudEventDeserializer.class);
        try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(settings)) {
            consumer.subscribe(List.of("sluice.events"));
            while (true) {
                for (ConsumerRecord<String, CloudEvent> record : consumer.poll(Duration.ofSeconds(1))) {
                    CloudEvent event = record.value();
                    JsonNode data = event.getData() == null ? JSON.nullNode() : JSON.readTree(event.getData().toBytes());
                    System.out.printf("%s  %s  %s%n    %s: %s%n", event.getTime(), event.getType(), event.getSubject(),
                            data.path("severity").asText(), data.path("message").asText());
                }
            }
        }
    }
}
