package io.sluice.source.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
            assertEquals(Optional.of("github.com/org/repo"), RepositoryUrl.key(url), url);
        }
    }

    @Test
    void pathsAndHostsStillCount() {
        assertEquals(Optional.of("gitlab.example.com/group/sub/project"),
                RepositoryUrl.key("git@gitlab.example.com:group/sub/project.git"));
        assertEquals(Optional.of("/srv/git/local"), RepositoryUrl.key("file:///srv/git/local.git"));
        assertEquals(Optional.empty(), RepositoryUrl.key("https://github.com/"));
        assertEquals(Optional.empty(), RepositoryUrl.key("not a url at all"));
        assertEquals(Optional.empty(), RepositoryUrl.key(null));
    }
}
