package io.sluice.source.webhook;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The webhook senders Sluice understands, by the names of Flux's Receiver {@code spec.type}: how a
 * request proves it holds the token, which header names its event, and whether its body is JSON.
 */
public enum HookType {
    /** HMAC of the body in X-Hub-Signature-256 (or X-Hub-Signature); the event in X-GitHub-Event. Gitea too. */
    GITHUB("github", "X-GitHub-Event", true),
    /** The token itself in X-Gitlab-Token; the event in X-Gitlab-Event ("Push Hook", "Tag Push Hook"). */
    GITLAB("gitlab", "X-Gitlab-Event", true),
    /** Bitbucket Server and Cloud: HMAC in X-Hub-Signature ("sha256=..."); the event in X-Event-Key. */
    BITBUCKET("bitbucket", "X-Event-Key", true),
    /** No check at all: the secret webhook path, derived from the token, is the only proof. */
    GENERIC("generic", null, false),
    /** HMAC of the body in X-Signature, "&lt;sha1|sha256|sha512&gt;=&lt;hex&gt;". */
    GENERIC_HMAC("generic-hmac", null, false);

    private final String fluxName;
    private final String eventHeader;
    private final boolean jsonPayload;

    HookType(String fluxName, String eventHeader, boolean jsonPayload) {
        this.fluxName = fluxName;
        this.eventHeader = eventHeader;
        this.jsonPayload = jsonPayload;
    }

    /** The type a Receiver's {@code spec.type} names, if Sluice supports it. */
    static Optional<HookType> named(String fluxName) {
        return Arrays.stream(values()).filter(t -> t.fluxName.equals(fluxName)).findFirst();
    }

    static String supportedNames() {
        return Arrays.stream(values()).map(HookType::fluxName).collect(Collectors.joining(", "));
    }

    public String fluxName() {
        return fluxName;
    }

    /** The header that names the event, or null for the generic types (which have no events to filter). */
    String eventHeader() {
        return eventHeader;
    }

    /** The event the request names ("push", "Push Hook", "repo:push"), or null. */
    String event(WebhookRequest request) {
        return eventHeader == null ? null : request.header(eventHeader);
    }

    /** Git hosts send JSON; the generic types may send anything (or nothing), so their body is not read. */
    boolean jsonPayload() {
        return jsonPayload;
    }

    /** Why the request does not prove it holds {@code token}; empty when it does. */
    Optional<String> authenticate(WebhookRequest request, byte[] token) {
        return switch (this) {
            case GITHUB, BITBUCKET -> Signatures.hubSignature(request, token);
            case GITLAB -> Signatures.sameToken("X-Gitlab-Token", request.header("X-Gitlab-Token"), token);
            case GENERIC -> Optional.empty();
            case GENERIC_HMAC -> Signatures.hmac("X-Signature", request.header("X-Signature"), request.body(), token);
        };
    }
}
