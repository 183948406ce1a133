package io.sluice.events.kafka;

import io.sluice.events.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates Sluice's topics (and their dead-letter topics) when they are missing, and names the
 * existing ones that have fewer partitions than configured; safe to call from every service.
 */
public final class TopicAdmin {
    /** Dead letters are few: one partition keeps them in the order they failed. */
    static final int DEAD_LETTER_PARTITIONS = 1;

    /** Creates missing topics with the defaults of {@link TopicSettings#defaults()}. */
    public static Map<String, Integer> ensureTopics(String bootstrapServers) {
        return ensureTopics(bootstrapServers, TopicSettings.defaults());
    }

    /**
     * Creates the missing topics as {@code settings} say and logs a warning naming each existing topic
     * with fewer partitions than configured (Kafka can add partitions, Sluice does not do it for the
     * operator: it moves keys between partitions).
     *
     * @return the topics with fewer partitions than configured, and how many they have
     */
    public static Map<String, Integer> ensureTopics(String bootstrapServers, TopicSettings settings) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            List<String> present = new ArrayList<>();
            for (Topics.Spec spec : Topics.ALL) {
                if (existing.contains(spec.name())) {
                    present.add(spec.name());
                } else {
                    missing.add(new NewTopic(spec.name(), settings.partitions(), settings.replicationFactor())
                            .configs(configs(settings, spec.compacted())));
                }
                if (!existing.contains(spec.deadLetter())) {
                    missing.add(new NewTopic(spec.deadLetter(), DEAD_LETTER_PARTITIONS, settings.replicationFactor())
                            .configs(configs(settings, false)));
                }
            }
            create(admin, missing);
            Map<String, Integer> fewer = fewerPartitions(admin, present, settings.partitions());
            fewer.forEach((topic, count) -> System.getLogger(TopicAdmin.class.getName()).log(
                    System.Logger.Level.WARNING, "topic " + topic + " has " + count + " partitions, fewer than the "
                            + settings.partitions() + " configured (sluice.kafka.partitions): at most " + count
                            + " instances of a stage share its work; add partitions with kafka-topics --alter"));
            return fewer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topics on " + bootstrapServers + ": " + e.getCause(), e);
        }
    }

    private static Map<String, String> configs(TopicSettings settings, boolean compacted) {
        Map<String, String> configs = new HashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG,
                compacted ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE);
        if (settings.replicationFactor() > 1) {
            configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(settings.minInsyncReplicas()));
        }
        return configs;
    }

    private static void create(Admin admin, List<NewTopic> missing) throws InterruptedException, ExecutionException {
        if (missing.isEmpty()) {
            return;
        }
        try {
            admin.createTopics(missing).all().get();
        } catch (ExecutionException e) {
            // Another service may have created them a moment ago; any other failure is real.
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private static Map<String, Integer> fewerPartitions(Admin admin, List<String> topics, int wanted)
            throws InterruptedException, ExecutionException {
        Map<String, Integer> fewer = new TreeMap<>();
        if (topics.isEmpty()) {
            return fewer;
        }
        for (TopicDescription description : admin.describeTopics(topics).allTopicNames().get().values()) {
            if (description.partitions().size() < wanted) {
                fewer.put(description.name(), description.partitions().size());
            }
        }
        return fewer;
    }

    private TopicAdmin() {
    }
}
