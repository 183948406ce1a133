package io.sluice.testkit.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sluice.events.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The token service of distribution's token authentication, as Docker Hub's auth.docker.io: a registry
 * configured with {@code auth.token} sends clients here (its challenge's realm) for a JWT that grants
 * repository actions. This one checks the Basic login the client sends against one user and password,
 * and signs RS256 tokens with a key whose certificate is in the registry's rootcertbundle, sent in the
 * token's {@code x5c} header so the registry can check it.
 */
public final class RegistryTokenServer implements AutoCloseable {
    public static final String SERVICE = "sluice-test-registry";
    public static final String ISSUER = "sluice-test-token-server";
    private static final long LIFETIME_SECONDS = 300;

    private final HttpServer server;
    private final CertificateAuthority.Issued signer = CertificateAuthority.create(ISSUER).root();
    private final String user;
    private final String password;
    private final AtomicInteger refused = new AtomicInteger();

    private RegistryTokenServer(String user, String password) throws IOException {
        this.user = user;
        this.password = password;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", this::token);
        server.start();
    }

    /** A token service for {@code user} with {@code password} on a loopback port. */
    public static RegistryTokenServer start(String user, String password) throws IOException {
        return new RegistryTokenServer(user, password);
    }

    /** The realm a registry sends clients to. */
    public String realm() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    /** The certificate of the signing key, PEM: the registry's rootcertbundle. */
    public String rootCertificatePem() {
        return signer.certificatePem();
    }

    /** How many token requests were refused for a wrong or missing login. */
    public int refused() {
        return refused.get();
    }

    /** A token granting {@code actions} ("pull", "push") on {@code repository}, as a pusher would get it. */
    public String issue(String repository, List<String> actions) {
        return jwt(user, List.of(Map.of("type", "repository", "name", repository, "actions", actions)));
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            String login = exchange.getRequestHeaders().getFirst("Authorization");
            String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(login)) {
                refused.incrementAndGet();
                respond(exchange, 401, "{\"details\":\"incorrect username or password\"}");
                return;
            }
            List<Map<String, Object>> access = new ArrayList<>();
            for (String scope : query(exchange.getRequestURI().getRawQuery(), "scope")) {
                // repository:<name>:<action>,<action>
                String[] parts = scope.split(":");
                if (parts.length == 3 && parts[0].equals("repository")) {
                    access.add(Map.of("type", "repository", "name", parts[1], "actions",
                            List.of(parts[2].split(","))));
                }
            }
            String token = jwt(user, access);
            respond(exchange, 200, Json.MAPPER.writeValueAsString(Map.of("token", token, "access_token", token,
                    "expires_in", LIFETIME_SECONDS)));
        }
    }

    private String jwt(String subject, List<Map<String, Object>> access) {
        try {
            ObjectNode header = Json.MAPPER.createObjectNode().put("typ", "JWT").put("alg", "RS256");
            header.putArray("x5c").add(Base64.getEncoder().encodeToString(signer.certificate().getEncoded()));
            long now = Instant.now().getEpochSecond();
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("iss", ISSUER);
            claims.put("sub", subject);
            claims.put("aud", SERVICE);
            claims.put("exp", now + LIFETIME_SECONDS);
            claims.put("nbf", now - 10);
            claims.put("iat", now);
            claims.put("jti", UUID.randomUUID().toString());
            claims.put("access", access);
            String signed = base64Url(Json.MAPPER.writeValueAsBytes(header)) + "."
                    + base64Url(Json.MAPPER.writeValueAsBytes(claims));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(signer.keys().getPrivate());
            rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + base64Url(rsa.sign());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot sign a registry token", e);
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static List<String> query(String raw, String name) {
        List<String> values = new ArrayList<>();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                values.add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static void respond(HttpExchange exchange, int status, String body) {
        try {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
