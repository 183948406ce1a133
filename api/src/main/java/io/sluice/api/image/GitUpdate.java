package io.sluice.api.image;

import io.sluice.api.meta.LocalReference;
import io.sluice.api.read.Node;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An ImageUpdateAutomation's {@code spec.git}: what is checked out, how the change is committed, and
 * where it is pushed.
 *
 * @param checkout what is checked out; null: the GitRepository's own ref
 * @param commit how the change is committed (required)
 * @param push where commits go; null: back to the checked-out branch
 */
public record GitUpdate(Checkout checkout, Commit commit, Push push) {

    static GitUpdate read(Node git, String version) {
        Node commit = git.get("commit");
        if (!commit.present()) {
            commit.error("is required");
        }
        return new GitUpdate(git.get("checkout").object(Checkout::read),
                commit.object(node -> Commit.read(node, version)), git.get("push").object(Push::read));
    }

    /**
     * {@code checkout.ref}, GitRepository's ref fields: a branch, tag, semver range, reference name or
     * commit to check out (each null when not written).
     */
    public record Checkout(String branch, String tag, String semver, String name, String commit) {

        static Checkout read(Node checkout) {
            Node ref = checkout.get("ref");
            if (!ref.present()) {
                ref.error("is required");
                return null;
            }
            return ref.object(node -> new Checkout(node.get("branch").string(), node.get("tag").string(),
                    node.get("semver").string(), node.get("name").string(), node.get("commit").string()));
        }
    }

    /**
     * How the change is committed.
     *
     * @param author the commit's author (required)
     * @param signingKey the key commits are signed with; null: not signed
     * @param messageTemplate the commit message, a Go template; null: Flux's default message
     * @param messageTemplateValues more values the template reads as {@code .Values}
     */
    public record Commit(Author author, SigningKey signingKey, String messageTemplate,
            Map<String, String> messageTemplateValues) {
        /** Template data Flux removed in v1beta2, and what replaces it: v1beta2 and v1 templates must not use it. */
        private static final Map<String, String> REMOVED_TEMPLATE_DATA = Map.of(".Updated", ".Changed",
                ".Changed.ImageResult", ".Changed.FileChanges or .Changed.Objects");
        private static final String V1BETA1 = "v1beta1";

        static Commit read(Node commit, String version) {
            Node author = commit.get("author");
            if (!author.present()) {
                author.error("is required");
            }
            Author commitAuthor = author.object(Author::read);
            Node templateField = commit.get("messageTemplate");
            String template = templateField.string();
            if (template != null) {
                checkRemovedData(templateField, template, V1BETA1.equals(version));
            }
            return new Commit(commitAuthor, commit.get("signingKey").object(SigningKey::read),
                    template, commit.get("messageTemplateValues").stringMap());
        }

        /**
         * v1beta1 templates could use {@code .Updated}, and Sluice still gives it to them (the guide's
         * template reads it); in the versions that removed it, it is an error, as in Flux's controller.
         */
        private static void checkRemovedData(Node field, String template, boolean v1beta1) {
            if (v1beta1) {
                return;
            }
            REMOVED_TEMPLATE_DATA.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .filter(removed -> Pattern.compile("\\{\\{[^}]*" + Pattern.quote(removed.getKey()) + "\\b")
                            .matcher(template).find())
                    .forEach(removed -> field.error("uses " + removed.getKey() + ", which Flux removed in v1beta2 (use "
                            + removed.getValue() + ")"));
        }
    }

    /** A commit's author: {@code email} (required) and {@code name} (null when not written: Flux allows that). */
    public record Author(String name, String email) {

        static Author read(Node author) {
            return new Author(author.get("name").string(), author.get("email").requiredString());
        }
    }

    /** The Secret holding the key commits are signed with: {@code type} gpg (the default) or ssh. */
    public record SigningKey(LocalReference secretRef, String type) {

        static SigningKey read(Node signingKey) {
            Node secretRef = signingKey.get("secretRef");
            if (!secretRef.present()) {
                secretRef.error("is required");
            }
            return new SigningKey(secretRef.object(LocalReference::read), signingKey.get("type").oneOf("gpg", "gpg",
                    "ssh"));
        }
    }

    /**
     * Where commits are pushed: {@code branch} (null: the checked-out branch), and also {@code refspec}
     * when set; {@code options} are sent to the Git server (push options).
     */
    public record Push(String branch, String refspec, Map<String, String> options) {

        static Push read(Node push) {
            return new Push(push.get("branch").string(), push.get("refspec").string(),
                    push.get("options").stringMap());
        }
    }
}
