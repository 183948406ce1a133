package io.sluice.api.image;

import java.util.regex.Pattern;

/**
 * An image repository split as Docker does: "nginx" is docker.io/library/nginx, "team/app" is
 * docker.io/team/app, and a first part with a dot, a colon or "localhost" is a registry host.
 * Docker Hub's API is served at registry-1.docker.io. This is the canonical name Flux scans (its
 * status.canonicalImageName), with Docker Hub's API host for docker.io.
 */
public record ImageName(String host, String repository) {
    /** The host Docker Hub's registry API is served at, the host of every Docker Hub ImageName. */
    public static final String DOCKER_HUB_API = "registry-1.docker.io";
    /** What go-containerregistry, which Flux parses images with, allows in a repository path. */
    private static final Pattern REPOSITORY = Pattern.compile("[a-z0-9._/-]+");

    /**
     * Parses {@code image}, an ImageRepository's spec.image; throws IllegalArgumentException saying what
     * is wrong with it, naming the field ("spec.image is required").
     */
    public static ImageName parse(String image) {
        String problem = problem(image);
        if (problem != null) {
            throw new IllegalArgumentException("spec.image " + problem);
        }
        ImageName name = split(image);
        if (name.host.equals("docker.io") || name.host.equals("index.docker.io")) {
            return new ImageName(DOCKER_HUB_API, name.repository.contains("/") ? name.repository
                    : "library/" + name.repository);
        }
        return name;
    }

    /**
     * What makes {@code image} no image repository, written to follow the field's name ("is required");
     * null when it is one. As Flux refuses them: a URL scheme, a tag or a digest.
     */
    public static String problem(String image) {
        if (image == null || image.isBlank()) {
            return "is required";
        }
        int scheme = image.indexOf("://");
        if (scheme >= 0) {
            return image + " names a URL scheme: remove '" + image.substring(0, scheme + 3) + "'";
        }
        String repository = split(image).repository;
        if (repository.contains("@") || repository.contains(":")) {
            return image + " names a tag or digest: give the repository only";
        }
        if (!REPOSITORY.matcher(repository).matches()) {
            return image + " has characters an image repository cannot have (lowercase letters, digits, '.', '_',"
                    + " '-' and '/')";
        }
        return null;
    }

    /** The tags list endpoint of the registry's v2 API. */
    public String tagsUrl(boolean insecure) {
        return (insecure ? "http" : "https") + "://" + host + "/v2/" + repository + "/tags/list";
    }

    /** The manifest endpoint of the registry's v2 API for {@code reference}, a tag or a digest. */
    public String manifestUrl(boolean insecure, String reference) {
        return (insecure ? "http" : "https") + "://" + host + "/v2/" + repository + "/manifests/" + reference;
    }

    /** Whether this is a Docker Hub repository (written with docker.io, index.docker.io or no host). */
    public boolean isDockerHub() {
        return host.equals(DOCKER_HUB_API);
    }

    /** host/repository, as the registry's clients name the repository (Docker Hub: registry-1.docker.io/...). */
    @Override
    public String toString() {
        return host + "/" + repository;
    }

    /** The registry host (docker.io when none is written) and the rest. */
    private static ImageName split(String image) {
        int slash = image.indexOf('/');
        String first = slash < 0 ? "" : image.substring(0, slash);
        boolean hasHost = first.contains(".") || first.contains(":") || first.equals("localhost");
        return hasHost ? new ImageName(first, image.substring(slash + 1)) : new ImageName("docker.io", image);
    }
}
