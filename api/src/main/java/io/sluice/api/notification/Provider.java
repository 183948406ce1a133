package io.sluice.api.notification;

import io.sluice.api.ApiGroups;
import io.sluice.api.Kind;
import io.sluice.api.Metadata;
import io.sluice.api.Resource;
import io.sluice.api.read.Node;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;

/**
 * A Flux Provider (notification.toolkit.fluxcd.io v1beta3; v1beta2 read the same way): where and how
 * the events an Alert matches are sent. Sluice sends only type {@value #GENERIC} (a JSON POST to the
 * address) so far; a Provider of another type is valid Flux, read with a warning that its events are
 * not sent yet. The address is never quoted: a Slack or Teams webhook URL is a secret.
 */
public record Provider(Metadata metadata, Spec spec) implements Resource {
    public static final Kind<Provider> KIND = Kind.configuration(ApiGroups.NOTIFICATION, "Provider",
            List.of("v1beta3", "v1beta2"), (metadata, spec) -> new Provider(metadata, Spec.read(spec)));
    public static final String GENERIC = "generic";
    /** Flux's types (v1beta3's enum; v1beta2's is a part of it). */
    public static final List<String> TYPES = List.of("slack", "discord", "msteams", "rocket", GENERIC,
            "generic-hmac", "github", "gitlab", "gitea", "giteapullrequestcomment", "bitbucketserver", "bitbucket",
            "azuredevops", "googlechat", "googlepubsub", "webex", "sentry", "azureeventhub", "telegram", "lark",
            "matrix", "opsgenie", "alertmanager", "grafana", "githubdispatch", "githubpullrequestcomment",
            "gitlabmergerequestcomment", "pagerduty", "datadog", "nats", "zulip", "otel", "zoom", "incident.io");
    /** The types Sluice sends. */
    public static final List<String> SENT_TYPES = List.of(GENERIC);
    /** Flux's timeout when not written (GetTimeout). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    /**
     * @param type one of {@link #TYPES}; events are sent only for {@link #SENT_TYPES}
     * @param address where events go (for {@value #GENERIC}, an http(s) URL, required by Sluice); a
     *         secret: never in a message, a log line or {@link #toString}. Null when not written
     * @param channel the channel events are posted to; null when not written
     * @param username the name events are posted under; null when not written
     * @param timeout the time limit of one send; {@link #DEFAULT_TIMEOUT} when not written
     */
    public record Spec(String type, String address, String channel, String username, Duration timeout,
            boolean suspend) {

        static Spec read(Node spec) {
            Node typeField = spec.get("type");
            String type = typeField.requiredOneOf(TYPES.toArray(String[]::new));
            if (type != null && !SENT_TYPES.contains(type)) {
                typeField.warn("'" + type + "' is not supported by Sluice yet: events for this Provider are not sent"
                        + " (Sluice sends to type " + String.join(", ", SENT_TYPES) + " only)");
            }
            Node addressField = spec.get("address");
            String address = addressField.string();
            if (GENERIC.equals(type)) {
                if (address == null) {
                    addressField.error("is required for type generic (Sluice does not read it from spec.secretRef"
                            + " yet)");
                } else if (!httpUrl(address)) {
                    addressField.error("must be an http:// or https:// URL for type generic (not quoted: it may"
                            + " hold a secret)");
                }
            }
            spec.unsupported("no address, token or headers are read from it", "secretRef")
                    .unsupported("the system's trusted certificates are used", "certSecretRef")
                    .unsupported("events are sent without a proxy", "proxy", "proxySecretRef")
                    .unsupported(null, "serviceAccountName", "commitStatusExpr")
                    // v1beta2's reconcile interval, unused since v1beta3: nothing to reconcile.
                    .accepted("interval");
            return new Spec(type, address, spec.get("channel").string(), spec.get("username").string(),
                    spec.get("timeout").duration(DEFAULT_TIMEOUT), spec.get("suspend").bool());
        }

        /** Whether Sluice sends events of this type. */
        public boolean sent() {
            return SENT_TYPES.contains(type);
        }

        /** Without the address, which may be a secret. */
        @Override
        public String toString() {
            return "Spec[type=" + type + ", address=" + (address == null ? null : "***") + ", channel=" + channel
                    + ", username=" + username + ", timeout=" + timeout + ", suspend=" + suspend + "]";
        }

        private static boolean httpUrl(String address) {
            try {
                URI uri = new URI(address);
                return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
            } catch (URISyntaxException e) {
                return false;
            }
        }
    }
}
