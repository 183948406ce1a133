package io.sluice.source.config;

/**
 * How one producer of configuration names the files it reads in the origins of what it publishes:
 * a config folder by the file's path, the bootstrap repository by URL, commit and path (so that an
 * unchanged file has another origin at every commit).
 */
interface ConfigOrigins {
    /** The origin that the file of a record published as {@code published} has in the read at hand. */
    String current(String published);

    /**
     * {@code text} (a message, a key, an origin) without what changes from one read of an unchanged
     * file to the next.
     */
    String stable(String text);
}
