package io.sluice.api.helm;

import io.sluice.api.read.Node;

/**
 * The fields of a HelmRelease's Helm actions (install, upgrade, test, rollback, uninstall) that
 * configure Helm itself. Sluice renders the chart and applies the objects on its own, so it does
 * not act on them: each one written is a warning saying why.
 */
final class HelmActions {
    static final String NOT_THROUGH_HELM = "Sluice renders the chart and applies its objects itself, without Helm's"
            + " actions";
    static final String REMEDIATION = "Sluice retries a failed release at spec.interval, without rollback or"
            + " uninstall";
    static final String OWN_TIMEOUT = "Sluice waits spec.timeout";
    /** The flags install and upgrade share that only Helm's own actions have a use for. */
    private static final String[] HELM_FLAGS = {"disableTakeOwnership", "disableWaitForJobs", "disableHooks",
        "disableOpenAPIValidation", "disableSchemaValidation", "serverSideApply"};

    /** Declares what install and upgrade share and Sluice does not act on, plus {@code more} of the action's own. */
    static void helmOnly(Node action, String... more) {
        action.unsupported(OWN_TIMEOUT, "timeout").unsupported(REMEDIATION, "strategy")
                .unsupported(NOT_THROUGH_HELM, HELM_FLAGS).unsupported(NOT_THROUGH_HELM, more);
    }

    /** {@code install.remediation} or {@code upgrade.remediation}: each of its {@code fields} a warning. */
    static void remediation(Node remediation, String... fields) {
        unsupported(remediation, REMEDIATION, fields);
    }

    /** {@code spec.test}: Helm tests are chart hooks Helm runs; Sluice runs none. */
    static void test(Node test) {
        unsupported(test, "Sluice runs no Helm tests", "enable", "timeout", "ignoreFailures", "filters");
    }

    /** {@code spec.rollback}: used only by Helm's upgrade remediation. */
    static void rollback(Node rollback) {
        unsupported(rollback, "Sluice does not roll releases back", "timeout", "disableWait", "disableWaitForJobs",
                "disableHooks", "recreate", "force", "cleanupOnFail", "serverSideApply");
    }

    /** {@code spec.uninstall}: Sluice deletes a release's objects itself. */
    static void uninstall(Node uninstall) {
        unsupported(uninstall, NOT_THROUGH_HELM, "timeout", "disableHooks", "keepHistory", "disableWait",
                "deletionPropagation");
    }

    /** Declares {@code fields} unsupported, once {@code action} is known to be a mapping (else an error). */
    private static void unsupported(Node action, String why, String... fields) {
        action.object(mapping -> mapping.unsupported(why, fields));
    }

    private HelmActions() {
    }
}
