package io.sluice.source.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.api.argo.ArgoSourceIds;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RepositoryUrlTest {
    @Test
    void everySpellingOfOneRepositoryHasOneKey() {
        for (String url : List.of("https://github.com/Org/Repo", "https://github.com/org/repo.git",
                "https://GitHub.com/org/repo/", "http://github.com:8080/org/repo.git/", "ssh://git@github.com/org/repo.git",
                "ssh://git@github.com:22/org/repo", "git@github.com:org/repo.git", "github.com:org/repo",
                "https://user:pass@github.com/org/repo.git", "git://github.com/org/repo.git")) {
            assertEquals(Optional.of("github.com/org/repo"), ArgoSourceIds.repositoryKey(url), url);
        }
    }

    @Test
    void pathsAndHostsStillCount() {
        assertEquals(Optional.of("gitlab.example.com/group/sub/project"),
                ArgoSourceIds.repositoryKey("git@gitlab.example.com:group/sub/project.git"));
        assertEquals(Optional.of("/srv/git/local"), ArgoSourceIds.repositoryKey("file:///srv/git/local.git"));
        assertEquals(Optional.empty(), ArgoSourceIds.repositoryKey("https://github.com/"));
        assertEquals(Optional.empty(), ArgoSourceIds.repositoryKey("not a url at all"));
        assertEquals(Optional.empty(), ArgoSourceIds.repositoryKey(null));
    }
}
