package io.sluice.api.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RedactedUrlTest {
    @Test
    void dropsUserInformationFromTheUrl() {
        assertEquals("https://git.example.com/org/repo.git", RedactedUrl.of("https://bot:t0ken@git.example.com/org/repo.git"));
        assertEquals("file:///srv/git/repo.git", RedactedUrl.of("file:///srv/git/repo.git"));
    }

    @Test
    void scrubsCredentialsFromMessagesWhereverTheyAppear() {
        String url = "https://bot:t0ken@git.example.com/repo.git";
        assertEquals("https://git.example.com/repo.git: not authorized (password *** rejected)",
                RedactedUrl.scrub("https://bot@git.example.com/repo.git: not authorized (password t0ken rejected)", url));
    }
}
