package io.sluice.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.events.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The requests of one {@link RegistryClient} call to one repository: all within the call's
 * spec.timeout, logging in once when the registry first asks (RFC 7235 {@code WWW-Authenticate}):
 * {@code Basic}, with the credentials; {@code Bearer} (distribution's token authentication, as Docker
 * Hub, GHCR and Quay ask), with a pull token for the repository from the challenge's realm, asked with the
 * credentials or anonymously. The login is kept for the call's further requests (the pages of a tag
 * list).
 */
final class RegistrySession {
    private final HttpClient http;
    private final RepositoryAccess access;
    private final long deadline;
    /** The Authorization header of the login, once the registry asked for one. */
    private String authorization;

    RegistrySession(HttpClient http, RepositoryAccess access) {
        this.http = http;
        this.access = access;
        this.deadline = System.nanoTime() + access.timeout().toNanos();
    }

    /** Sends the request, logging in and sending it again when the registry asks for a login. */
    HttpResponse<byte[]> send(String method, URI uri, String accept) throws RegistryException {
        HttpResponse<byte[]> response = exchange(method, uri, accept, authorization);
        if (response.statusCode() != 401) {
            return response;
        }
        if (authorization != null) {
            throw refused(method + " " + uri + ": HTTP 401" + registryMessage(response.body()));
        }
        authorization = login(method, uri, response);
        response = exchange(method, uri, accept, authorization);
        if (response.statusCode() == 401) {
            throw refused(method + " " + uri + ": HTTP 401" + registryMessage(response.body()));
        }
        return response;
    }

    /** The Authorization header the challenge of {@code refused} asks for. */
    private String login(String method, URI uri, HttpResponse<byte[]> refused) throws RegistryException {
        List<AuthChallenge> challenges = AuthChallenge.parse(String.join(", ",
                refused.headers().allValues("WWW-Authenticate")));
        for (AuthChallenge challenge : challenges) {
            if (challenge.scheme().equals("bearer") && challenge.parameter("realm") != null) {
                return "Bearer " + token(challenge);
            }
        }
        String asked = method + " " + uri + ": HTTP 401" + registryMessage(refused.body());
        for (AuthChallenge challenge : challenges) {
            if (challenge.scheme().equals("basic")) {
                if (access.credentials() == null) {
                    throw new RegistryException("authentication required by " + access.name() + " ("
                            + access.anonymous() + "): " + asked);
                }
                return basic(access.credentials());
            }
        }
        throw new RegistryException(asked + ", asking for a login Sluice does not know: "
                + challenges.stream().map(AuthChallenge::scheme).toList());
    }

    /** A pull token from the realm of a Bearer challenge, asked with the credentials if there are any. */
    private String token(AuthChallenge challenge) throws RegistryException {
        String scope = challenge.parameter("scope") != null ? challenge.parameter("scope")
                : "repository:" + access.name().repository() + ":pull";
        StringBuilder query = new StringBuilder("scope=").append(encode(scope));
        if (challenge.parameter("service") != null) {
            query.append("&service=").append(encode(challenge.parameter("service")));
        }
        String realm = challenge.parameter("realm");
        URI uri;
        try {
            uri = URI.create(realm + (realm.contains("?") ? "&" : "?") + query);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(access.name() + " names a token service that is not a URL: " + realm);
        }
        String credentials = access.credentials() == null ? null : basic(access.credentials());
        HttpResponse<byte[]> response = exchange("GET", uri, "application/json", credentials);
        String asked = "token service GET " + realm + ": HTTP " + response.statusCode()
                + registryMessage(response.body());
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw refused(asked);
        }
        if (response.statusCode() != 200) {
            throw new RegistryException(asked);
        }
        JsonNode body = parse(response.body());
        String token = body == null ? "" : body.path("token").asText(body.path("access_token").asText(""));
        if (token.isEmpty()) {
            throw new RegistryException("token service GET " + realm + " answered no token");
        }
        return token;
    }

    /** The registry refused the login: the credentials, or, when anonymous, the lack of them. */
    private RegistryException refused(String what) {
        if (access.credentials() == null) {
            return new RegistryException("authentication required by " + access.name() + " (" + access.anonymous()
                    + "): " + what);
        }
        return new RegistryException("authentication failed for " + access.name() + " as "
                + access.credentials() + ": " + what);
    }

    private HttpResponse<byte[]> exchange(String method, URI uri, String accept, String authorization)
            throws RegistryException {
        Duration left = Duration.ofNanos(deadline - System.nanoTime());
        if (left.isNegative() || left.isZero()) {
            throw new RegistryException(method + " " + uri + ": not sent, spec.timeout (" + access.timeout()
                    + ") is over");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(left).header("Accept", accept)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            // java.net.http wraps the socket's failure ("Connection refused") in one without a message.
            String cause = e.getMessage() == null && e.getCause() != null ? ": " + e.getCause().getMessage() : "";
            throw new RegistryException(method + " " + uri + ": " + e + cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(method + " " + uri + ": interrupted");
        }
    }

    private static String basic(Credentials credentials) {
        return "Basic " + Base64.getEncoder().encodeToString((credentials.username() + ":" + credentials.password())
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static JsonNode parse(byte[] body) {
        try {
            return body == null || body.length == 0 ? null : Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** The registry's own words for an error ({"errors":[{"message":...}]}), when it gives them. */
    static String registryMessage(byte[] body) {
        JsonNode json = parse(body);
        if (json == null) {
            return "";
        }
        List<String> messages = new ArrayList<>();
        json.path("errors").forEach(error -> messages.add(error.path("message").asText()));
        if (messages.isEmpty() && json.hasNonNull("details")) {
            // Docker Hub's token service: {"details": "incorrect username or password"}
            messages.add(json.path("details").asText());
        }
        return messages.isEmpty() ? "" : ": " + String.join("; ", messages);
    }
}
