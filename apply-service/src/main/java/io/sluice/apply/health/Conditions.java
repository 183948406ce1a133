package io.sluice.apply.health;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads {@code status.conditions} of a live object of any kind. */
public final class Conditions {

    /** The condition of {@code type}, if the object reports one. */
    public static Optional<Map<?, ?>> find(GenericKubernetesResource live, String type) {
        Object conditions = live.get("status", "conditions");
        if (!(conditions instanceof List<?> list)) {
            return Optional.empty();
        }
        return list.stream()
                .filter(c -> c instanceof Map<?, ?> m && type.equals(m.get("type")))
                .<Map<?, ?>>map(c -> (Map<?, ?>) c)
                .findFirst();
    }

    public static boolean isTrue(GenericKubernetesResource live, String type) {
        return find(live, type).map(c -> "True".equals(c.get("status"))).orElse(false);
    }

    /** "Ready=False (Reason): message", as health messages quote a condition. */
    static String describe(Map<?, ?> condition) {
        Object message = condition.get("message");
        return condition.get("type") + "=" + condition.get("status")
                + (condition.get("reason") == null ? "" : " (" + condition.get("reason") + ")")
                + (message == null ? "" : ": " + message);
    }

    private Conditions() {
    }
}
