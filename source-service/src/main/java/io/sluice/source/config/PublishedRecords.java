package io.sluice.source.config;

import io.sluice.events.ConfigDocument;
import io.sluice.events.Topics;
import io.sluice.events.kafka.Publisher;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * What one producer of sluice.config (the config folders, the bootstrap repository) has on the
 * topic, by key: the comparison base that each new read is published against. A document that
 * fails to reach Kafka stays unpublished here, so the next read retries it.
 */
final class PublishedConfig {
    private final Publisher publisher;
    private final Logger log;
    private final Map<String, ConfigDocument> published = new HashMap<>();

    PublishedConfig(Publisher publisher, Logger log) {
        this.publisher = publisher;
        this.log = log;
    }

    /** What sluice.config holds of this producer at start. */
    void seed(Collection<ConfigDocument> current) {
        current.forEach(document -> published.put(document.ref().id(), document));
    }

    /**
     * Publishes each document of the scan that is new or changed; {@code sameOrigin} says whether
     * the document's origin changed in a way that counts. Returns how many were published.
     */
    int publishChanged(ConfigScan scan, BiPredicate<String, String> sameOrigin) {
        int changed = 0;
        for (ConfigDocument document : scan.documents().values()) {
            String key = document.ref().id();
            ConfigDocument before = published.get(key);
            if (before == null || !sameOrigin.test(before.origin(), document.origin())
                    || !Objects.equals(before.document(), document.document())) {
                publisher.send(Topics.CONFIG, key, document);
                published.put(key, document);
                log.infof("config %s from %s: %s", key, document.origin(), before == null ? "published" : "updated");
                changed++;
            }
        }
        return changed;
    }

    /** Tombstones each published document that is {@code gone}; {@code why} ends the log line. Returns how many. */
    int deleteGone(Predicate<ConfigDocument> gone, String why) {
        int deleted = 0;
        for (ConfigDocument document : List.copyOf(published.values())) {
            if (gone.test(document)) {
                String key = document.ref().id();
                publisher.tombstone(Topics.CONFIG, key);
                published.remove(key);
                log.infof("config %s from %s: deleted, %s", key, document.origin(), why);
                deleted++;
            }
        }
        return deleted;
    }
}
