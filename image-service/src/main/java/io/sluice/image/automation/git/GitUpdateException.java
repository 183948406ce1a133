package io.sluice.image.automation.git;

/**
 * A checkout, commit or push of an ImageUpdateAutomation failed; the message names the repository
 * URL (without credentials), the branch or field, and never a secret value.
 */
public class GitUpdateException extends RuntimeException {
    GitUpdateException(String message) {
        super(message);
    }
}
