package io.sluice.source.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the repository and the refs out of a push, in each host's own payload: GitHub's push,
 * GitLab's Push Hook and Tag Push Hook, Bitbucket Cloud's repo:push and Bitbucket Server's
 * repo:refs_changed, and Sluice's generic {"url": ..., "ref": ...}. Other events are not pushes.
 */
final class PushPayloads {
    private static final Set<String> GITLAB_PUSHES = Set.of("Push Hook", "Tag Push Hook");
    private static final String HEADS = "refs/heads/";
    private static final String TAGS = "refs/tags/";

    /** The push, or empty when the event is not one (a ping, an issue comment...). */
    static Optional<Push> parse(HookType host, String event, JsonNode payload) throws WebhookRejection {
        Push push = switch (host) {
            case GITHUB -> "push".equals(event) ? new Push(
                    texts(payload, "/repository/html_url", "/repository/clone_url", "/repository/ssh_url",
                            "/repository/git_url"),
                    texts(payload, "/ref")) : null;
            case GITLAB -> GITLAB_PUSHES.contains(event) ? new Push(
                    texts(payload, "/project/web_url", "/project/git_http_url", "/project/git_ssh_url",
                            "/repository/homepage", "/repository/git_http_url", "/repository/git_ssh_url"),
                    texts(payload, "/ref")) : null;
            case BITBUCKET -> bitbucket(event, payload);
            case GENERIC, GENERIC_HMAC -> new Push(texts(payload, "/url"),
                    texts(payload, "/ref").stream().map(PushPayloads::fullRef).toList());
        };
        if (push == null) {
            return Optional.empty();
        }
        String sender = host.fluxName() + " push";
        if (push.repositoryUrls().isEmpty()) {
            throw new WebhookRejection(WebhookOutcome.BAD_REQUEST, "the " + sender + " payload names no repository URL");
        }
        if (push.refs().isEmpty()) {
            throw new WebhookRejection(WebhookOutcome.BAD_REQUEST, "the " + sender + " payload names no ref");
        }
        return Optional.of(push);
    }

    private static Push bitbucket(String event, JsonNode payload) {
        if ("repo:push".equals(event)) {
            // Cloud: a deleted branch has no "new", only "old".
            List<String> refs = new ArrayList<>();
            for (JsonNode change : payload.at("/push/changes")) {
                JsonNode moved = change.path("new").isObject() ? change.path("new") : change.path("old");
                String name = moved.path("name").asText("");
                if (!name.isEmpty()) {
                    refs.add(("tag".equals(moved.path("type").asText()) ? TAGS : HEADS) + name);
                }
            }
            return new Push(texts(payload, "/repository/links/html/href"), refs);
        }
        if ("repo:refs_changed".equals(event)) {
            // Server: clone links (http and ssh), and full ref ids.
            List<String> urls = new ArrayList<>();
            payload.at("/repository/links/clone").forEach(link -> addText(urls, link.path("href")));
            List<String> refs = new ArrayList<>();
            payload.at("/changes").forEach(change -> addText(refs, change.at("/ref/id")));
            return new Push(urls, refs);
        }
        return null;
    }

    /** A generic push may name a branch alone: "main" means refs/heads/main. */
    private static String fullRef(String ref) {
        return ref.startsWith("refs/") ? ref : HEADS + ref;
    }

    private static List<String> texts(JsonNode payload, String... pointers) {
        List<String> values = new ArrayList<>();
        for (String pointer : pointers) {
            addText(values, payload.at(pointer));
        }
        return values;
    }

    private static void addText(List<String> values, JsonNode node) {
        if (node.isTextual() && !node.asText().isBlank() && !values.contains(node.asText())) {
            values.add(node.asText());
        }
    }

    private PushPayloads() {
    }
}
