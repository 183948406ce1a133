package io.sluice.image.registry;

/**
 * A user name and password for a registry, and where they come from ({@code secret flux-system/login}),
 * so that a refused login can be traced to its Secret. The password never appears in {@link #toString()}.
 */
public record Credentials(String username, String password, String source) {

    @Override
    public String toString() {
        return "user '" + username + "' of " + source + " (password hidden)";
    }
}
