package io.sluice.source.webhook;

import java.util.List;

/** What a push says: its repository, in every URL form the host gave, and the refs it moved (refs/heads/..., refs/tags/...). */
record Push(List<String> repositoryUrls, List<String> refs) {
}
