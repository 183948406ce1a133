package io.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.cli.stack.StackDescription;
import io.sluice.events.ApplyCommand;
import io.sluice.events.Json;
import io.sluice.events.Topics;
import io.sluice.events.kafka.DeadLetter;
import io.sluice.events.kafka.TopicAdmin;
import io.sluice.events.kafka.TopicRecords;
import io.sluice.testkit.kafka.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice get deadletters} and {@code sluice deadletters replay} against a real broker. The
 * test writes dead letters as the SmallRye connector's dead-letter-queue strategy writes them (the
 * original key, value and headers, plus its dead-letter-* headers; apply-service's and
 * notification-service's poison-message tests prove that side): what is checked is what the CLI
 * lists, what it sends back, and that it sends it once.
 */
class DeadLettersTest {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String APP_ID = "kustomize.toolkit.fluxcd.io/Kustomization/flux-system/dead-" + RUN;
    private static final Instant FAILED_AT = Instant.parse("2026-11-27T09:15:00Z");
    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @TempDir
    static Path state;
    private static String kafka;
    private static KafkaProducer<String, String> producer;

    @BeforeAll
    static void stack() throws Exception {
        kafka = KafkaBroker.shared().bootstrapServers();
        TopicAdmin.ensureTopics(kafka);
        new StackDescription(ProcessHandle.current().pid(), kafka, Map.of(), null, null, Map.of()).write(state);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer = new KafkaProducer<>(props);
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    @Test
    void aDeadLetterIsListedThenReplayedOnceWithItsKeyValueAndHeaders() throws Exception {
        String command = Json.write(ApplyCommand.of(APP_ID, "sync", Map.of("prune", "true"), "alice", FAILED_AT));
        deadLetter(Topics.APPLY_COMMANDS, 7, 41, APP_ID, command,
                "cluster https://prod.example.com is unreachable: connect timed out");

        CliRun listed = sluice("get", "deadletters");
        assertEquals(0, listed.exit(), listed.errors());
        List<String> lines = listed.output().lines().toList();
        assertTrue(lines.get(0).matches("TOPIC +KEY +REASON +TIME +REPLAYED"), lines.get(0));
        String row = lines.stream().filter(line -> line.contains(APP_ID)).findFirst().orElseThrow(
                () -> new AssertionError("no row of " + APP_ID + " in\n" + listed.output()));
        assertEquals(List.of(Topics.APPLY_COMMANDS, APP_ID, "cluster https://prod.example.com is unreachable: connect"
                + " timed out", "2026-11-27T09:15:00Z", "false"), List.of(row.split(" {3,}")));

        CliRun replayed = sluice("deadletters", "replay", Topics.APPLY_COMMANDS);
        assertEquals(0, replayed.exit(), replayed.errors());
        assertEquals("✔ sent 1 dead letter of sluice.apply.commands.dlq back to sluice.apply.commands\n",
                replayed.output());
        List<ConsumerRecord<String, String>> resent = records(Topics.APPLY_COMMANDS, APP_ID);
        assertEquals(1, resent.size());
        assertEquals(command, resent.get(0).value(), "the original value");
        assertEquals(TRACEPARENT, header(resent.get(0), "traceparent"), "the original headers go with it");
        assertNull(header(resent.get(0), DeadLetter.REASON_HEADER), "the connector's headers stay behind");

        CliRun again = sluice("deadletters", "replay", Topics.APPLY_COMMANDS);
        assertEquals(0, again.exit(), again.errors());
        assertTrue(again.output().startsWith("✔ sent 0 dead letters of sluice.apply.commands.dlq back to"
                + " sluice.apply.commands: none was waiting"), again.output());
        assertEquals(1, records(Topics.APPLY_COMMANDS, APP_ID).size(), "nothing is sent twice");

        assertFalse(sluice("get", "deadletters").output().contains(APP_ID), "a replayed letter is no longer waiting");
        CliRun all = sluice("get", "deadletters", "--all", "-o", "json");
        assertTrue(all.output().contains("\"key\" : \"" + APP_ID + "\""), all.output());
        assertTrue(all.output().contains("\"replayed\" : true"), all.output());
    }

    @Test
    void aLetterOfACompactedTopicThatANewerRecordReplacedIsLeftOut() throws Exception {
        String replacedKey = "kustomize.toolkit.fluxcd.io/Kustomization/flux-system/replaced-" + RUN;
        String latestKey = "kustomize.toolkit.fluxcd.io/Kustomization/flux-system/latest-" + RUN;
        RecordMetadata old = producer.send(new ProducerRecord<>(Topics.MANIFESTS_RENDERED, replacedKey, "{\"v\":1}"))
                .get(30, TimeUnit.SECONDS);
        producer.send(new ProducerRecord<>(Topics.MANIFESTS_RENDERED, replacedKey, "{\"v\":2}")).get(30, TimeUnit.SECONDS);
        RecordMetadata latest = producer.send(new ProducerRecord<>(Topics.MANIFESTS_RENDERED, latestKey, "{\"v\":1}"))
                .get(30, TimeUnit.SECONDS);
        deadLetter(Topics.MANIFESTS_RENDERED, old.partition(), old.offset(), replacedKey, "{\"v\":1}", "apply failed");
        deadLetter(Topics.MANIFESTS_RENDERED, latest.partition(), latest.offset(), latestKey, "{\"v\":1}",
                "apply failed");

        CliRun replayed = sluice("deadletters", "replay", Topics.MANIFESTS_RENDERED);
        assertEquals(0, replayed.exit(), replayed.errors());
        assertEquals("✔ sent 1 dead letter of sluice.manifests.rendered.dlq back to sluice.manifests.rendered\n"
                + "  left out 1 dead letter that a newer record of the same key has replaced on"
                + " sluice.manifests.rendered (sending it would bring back an older state)\n", replayed.output());
        assertEquals(List.of("{\"v\":1}", "{\"v\":2}"), records(Topics.MANIFESTS_RENDERED, replacedKey).stream()
                .map(ConsumerRecord::value).toList(), "the older state is not sent again");
        assertEquals(2, records(Topics.MANIFESTS_RENDERED, latestKey).size());
    }

    @Test
    void replayOfATopicSluiceDoesNotHaveNamesIt() {
        CliRun unknown = sluice("deadletters", "replay", "sluice.apply.commands.dlq");
        assertEquals(2, unknown.exit(), unknown.output());
        assertTrue(unknown.errors().startsWith("sluice.apply.commands.dlq is not a Sluice topic: name the topic the"
                + " letters came from, one of [sluice.config, "), unknown.errors());
    }

    /** Writes what the connector writes to {@code <topic>.dlq} when a record of {@code topic} fails. */
    private static void deadLetter(String topic, int partition, long offset, String key, String value, String reason)
            throws Exception {
        List<Header> headers = List.of(header("traceparent", TRACEPARENT),
                header("dead-letter-exception-class-name", "java.lang.IllegalStateException"),
                header(DeadLetter.REASON_HEADER, reason),
                header(DeadLetter.TOPIC_HEADER, topic),
                header(DeadLetter.PARTITION_HEADER, Integer.toString(partition)),
                header(DeadLetter.OFFSET_HEADER, Long.toString(offset)));
        producer.send(new ProducerRecord<>(topic + ".dlq", null, FAILED_AT.toEpochMilli(), key, value, headers))
                .get(30, TimeUnit.SECONDS);
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static List<ConsumerRecord<String, String>> records(String topic, String key) {
        return TopicRecords.read(kafka, topic, Map.of()).stream().filter(record -> key.equals(record.key())).toList();
    }

    private static CliRun sluice(String... args) {
        return CliRun.of(state, args);
    }
}
