package io.sluice.api.meta;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/** Removes credentials (user information) from URLs and from messages that quote them. */
public final class RedactedUrl {
    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@\\s]+@");

    /** {@code https://user:token@host/repo} becomes {@code https://host/repo}. */
    public static String of(String url) {
        return USER_INFO.matcher(url).replaceFirst("");
    }

    /**
     * {@code text} without user information in any URL it quotes, and with the password of
     * {@code url} replaced by "***" wherever else it appears.
     */
    public static String scrub(String text, String url) {
        if (text == null) {
            return null;
        }
        String scrubbed = USER_INFO.matcher(text).replaceAll("");
        String password = password(url);
        return password == null || password.isEmpty() ? scrubbed : scrubbed.replace(password, "***");
    }

    private static String password(String url) {
        try {
            String userInfo = new URI(url).getUserInfo();
            int colon = userInfo == null ? -1 : userInfo.indexOf(':');
            return colon < 0 ? null : userInfo.substring(colon + 1);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private RedactedUrl() {
    }
}
