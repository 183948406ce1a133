package io.sluice.image.repository;

/**
 * An image repository split as Docker does: "nginx" is docker.io/library/nginx, "team/app" is
 * docker.io/team/app, and a first part with a dot, a colon or "localhost" is a registry host.
 * Docker Hub's API is served at registry-1.docker.io.
 */
public record ImageName(String host, String repository) {
    private static final String DOCKER_HUB_API = "registry-1.docker.io";

    /** Parses {@code image}; throws IllegalArgumentException saying what is wrong with it. */
    public static ImageName parse(String image) {
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException("spec.image is required");
        }
        int slash = image.indexOf('/');
        String first = slash < 0 ? "" : image.substring(0, slash);
        boolean hasHost = first.contains(".") || first.contains(":") || first.equals("localhost");
        String host = hasHost ? first : "docker.io";
        String repository = hasHost ? image.substring(slash + 1) : image;
        if (repository.contains("@") || repository.contains(":")) {
            throw new IllegalArgumentException("spec.image " + image + " names a tag or digest: give the repository only");
        }
        if (host.equals("docker.io") || host.equals("index.docker.io")) {
            host = DOCKER_HUB_API;
            if (!repository.contains("/")) {
                repository = "library/" + repository;
            }
        }
        return new ImageName(host, repository);
    }

    /** The tags list endpoint of the registry's v2 API. */
    public String tagsUrl(boolean insecure) {
        return (insecure ? "http" : "https") + "://" + host + "/v2/" + repository + "/tags/list";
    }
}
