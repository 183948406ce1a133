package io.sluice.notification.alert;

import io.sluice.events.ConfigDocument;
import io.sluice.events.Event;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/** The Alerts of the config topic, compiled once per change; their problems are logged when they load. */
public final class Alerts {
    private static final Logger LOG = Logger.getLogger(Alerts.class);
    private static final String KEY_PREFIX = "notification.toolkit.fluxcd.io/Alert/";

    private final Map<String, AlertRule> rules = new ConcurrentHashMap<>();

    /** Listener of the config topic view. */
    public void onConfig(String key, ConfigDocument document) {
        if (!key.startsWith(KEY_PREFIX)) {
            return;
        }
        if (document == null) {
            rules.remove(key);
            return;
        }
        AlertRule rule = AlertRule.of(document);
        rule.problems().forEach(LOG::warn);
        rules.put(key, rule);
    }

    public List<AlertRule> matching(Event event) {
        return rules.values().stream().filter(rule -> rule.matches(event)).toList();
    }

    public Collection<AlertRule> all() {
        return List.copyOf(rules.values());
    }
}
