package io.sluice.apply.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.sluice.events.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * An Argo CD cluster Secret (declarative setup): keys {@code server}, {@code name} and
 * {@code config}, a JSON document with {@code bearerToken} or {@code username}/{@code password},
 * and {@code tlsClientConfig} ({@code insecure}, {@code caData}, {@code certData},
 * {@code keyData}: base64 PEM). Errors name the Secret and the key, never a value.
 */
record ArgoClusterSecret(String id, String name, String server, Map<String, byte[]> data) {
    private static final List<String> UNSUPPORTED = List.of("execProviderConfig", "awsAuthConfig");

    /** Whether {@code data} looks like a cluster Secret: it has the keys server and config. */
    static boolean isClusterSecret(Map<String, byte[]> data) {
        return data.containsKey("server") && data.containsKey("config");
    }

    /** The Secret "namespace/name" {@code id} holding {@code data}. */
    static ArgoClusterSecret of(String id, Map<String, byte[]> data) {
        String server = normalised(text(data, "server"));
        String name = text(data, "name");
        return new ArgoClusterSecret(id, name == null ? server : name, server, data);
    }

    /** A server URL without trailing slashes, so that both spellings find the same cluster. */
    static String normalised(String server) {
        return server == null ? null : server.strip().replaceAll("/+$", "");
    }

    /** The client configuration the Secret describes. */
    Config config() {
        JsonNode config;
        try {
            config = Json.MAPPER.readTree(new String(data.get("config"), StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw invalid("config", "is not valid JSON (line " + e.getLocation().getLineNr() + ")");
        }
        if (config == null || !config.isObject()) {
            throw invalid("config", "must be a JSON object");
        }
        for (String field : UNSUPPORTED) {
            if (config.has(field)) {
                throw invalid("config", "." + field + " is not supported (use bearerToken, username/password or"
                        + " tlsClientConfig certData/keyData)");
            }
        }
        JsonNode tls = config.path("tlsClientConfig");
        ConfigBuilder builder = new ConfigBuilder(Config.empty()).withMasterUrl(server)
                .withOauthToken(field(config, "bearerToken")).withUsername(field(config, "username"))
                .withPassword(field(config, "password")).withCaCertData(field(tls, "caData"))
                .withClientCertData(field(tls, "certData")).withClientKeyData(field(tls, "keyData"));
        boolean insecure = tls.path("insecure").asBoolean(false);
        return builder.withTrustCerts(insecure).withDisableHostnameVerification(insecure).build();
    }

    /** The namespaces (key namespaces) and cluster-scoped objects (key clusterResources) it lets Sluice manage. */
    ClusterScope scope() {
        return ClusterScope.of(id, text(data, "namespaces"), text(data, "clusterResources"));
    }

    UnknownClusterException invalid(String key, String problem) {
        return new UnknownClusterException("Argo CD cluster Secret " + id + ": key " + key + " " + problem);
    }

    private static String field(JsonNode node, String name) {
        JsonNode value = node.path(name);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static String text(Map<String, byte[]> data, String key) {
        byte[] value = data.get(key);
        String text = value == null ? null : new String(value, StandardCharsets.UTF_8).strip();
        return text == null || text.isEmpty() ? null : text;
    }
}
