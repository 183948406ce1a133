package io.sluice.image.automation;

import io.sluice.access.git.GitAccess;
import io.sluice.access.git.GitCredentials;
import io.sluice.access.git.GitCredentialsException;
import io.sluice.access.secrets.SecretNotFoundException;
import io.sluice.api.image.ImageUpdateAutomation;
import io.sluice.api.source.GitRepository;
import io.sluice.api.status.Reasons;
import io.sluice.api.template.TemplateException;
import io.sluice.events.ImageLatest;
import io.sluice.events.ImageStatus;
import io.sluice.image.automation.git.Checkout;
import io.sluice.image.automation.git.CheckoutPlan;
import io.sluice.image.automation.git.GitUpdateException;
import io.sluice.image.automation.git.GitWorkspace;
import io.sluice.image.automation.git.PushRejectedException;
import io.sluice.image.automation.git.PushedCommit;
import io.sluice.image.automation.git.WorkTreeDiff;
import io.sluice.image.update.CommitMessage;
import io.sluice.image.update.LatestImage;
import io.sluice.image.update.SetterResult;
import io.sluice.image.update.Setters;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of an ImageUpdateAutomation, as Flux's image-automation-controller does it: check the
 * GitRepository out ({@link GitWorkspace}), set the marked fields under spec.update.path to the
 * images the policies chose ({@link Setters}), commit once with the templated message
 * ({@link CommitMessage}) and push. Every failure becomes an outcome that says why; nothing is
 * pushed half-done (the work tree is reset at the next run).
 */
public final class AutomationRun {
    private static final String V1BETA1 = "v1beta1";

    private final GitCredentials credentials;
    private final Path dataDir;

    /**
     * What a run did.
     *
     * @param pushed the commit pushed; null when nothing was
     * @param problems setter markers that could not be applied, each naming file and line
     */
    public record Outcome(boolean ready, String reason, String message, ImageStatus.Push pushed,
            List<String> problems) {

        static Outcome failed(String reason, String message) {
            return new Outcome(false, reason, message, null, List.of());
        }
    }

    public AutomationRun(GitCredentials credentials, Path dataDir) {
        this.credentials = credentials;
        this.dataDir = dataDir;
    }

    /** Sets, commits and pushes the images {@code chosen} (by "namespace:name" of their policies). */
    public Outcome run(ImageUpdateAutomation automation, GitRepository repository, Map<String, ImageLatest> chosen) {
        try (GitAccess access = open(repository);
                GitWorkspace workspace = GitWorkspace.open(folder(automation), repository, automation.spec().git(),
                        access)) {
            Checkout checkout = workspace.checkout();
            SetterResult result = setImages(automation, checkout, chosen);
            List<String> problems = result.problems().stream().map(Object::toString).toList();
            if (!result.hasChanges()) {
                return new Outcome(problems.isEmpty(), problems.isEmpty() ? Reasons.SUCCEEDED : Reasons.INVALID_MARKER,
                        "no updates made" + (problems.isEmpty() ? "" : "; " + String.join("; ", problems))
                                + " (" + chosen.size() + " policies, at " + checkout.branch() + "@"
                                + shortCommit(checkout.commit()) + ")", null, problems);
            }
            Record data = messageData(automation, result, images(chosen));
            String message = CommitMessage.render(automation.spec().git().commit().messageTemplate(), data);
            String branchTemplate = automation.spec().git().push() == null ? null
                    : automation.spec().git().push().branch();
            Optional<PushedCommit> pushed;
            if (CheckoutPlan.isTemplate(branchTemplate)) {
                String branch = CommitMessage.pushBranch(branchTemplate, data);
                if (workspace.remoteHasBranch(branch)) {
                    return new Outcome(true, Reasons.SUCCEEDED, "no updates made: branch " + branch
                            + " already proposes this update", null, problems);
                }
                pushed = workspace.commitAndPush(message, Instant.now(), branch);
            } else {
                pushed = workspace.commitAndPush(message, Instant.now());
            }
            if (pushed.isEmpty()) {
                return new Outcome(true, Reasons.SUCCEEDED, "no updates made", null, problems);
            }
            PushedCommit commit = pushed.get();
            return new Outcome(true, Reasons.SUCCEEDED, "committed and pushed " + shortCommit(commit.commit()) + " to "
                    + commit.branch() + " (" + String.join(", ", commit.changedFiles()) + ")",
                    new ImageStatus.Push(commit.commit(), commit.branch(), Instant.now()), problems);
        } catch (TemplateException e) {
            return Outcome.failed(Reasons.INVALID_TEMPLATE, e.getMessage());
        } catch (PushRejectedException e) {
            return Outcome.failed(Reasons.PUSH_REJECTED, e.getMessage());
        } catch (GitCredentialsException | SecretNotFoundException e) {
            return Outcome.failed(Reasons.AUTHENTICATION_FAILED, e.getMessage());
        } catch (GitUpdateException e) {
            return Outcome.failed(Reasons.GIT_OPERATION_FAILED, e.getMessage());
        } catch (IOException e) {
            return Outcome.failed(Reasons.RECONCILIATION_FAILED, "cannot update the files: " + e.getMessage());
        }
    }

    /** The change a run would commit now, as a unified diff ("" when none), without committing. */
    public String diff(ImageUpdateAutomation automation, GitRepository repository, Map<String, ImageLatest> chosen)
            throws IOException {
        // A folder of its own: a run of the automation may be under way in the other one.
        Path folder = GitWorkspace.folder(dataDir.resolve("diff"), automation.ref().namespace(),
                automation.ref().name());
        try (GitAccess access = open(repository);
                GitWorkspace workspace = GitWorkspace.open(folder, repository, automation.spec().git(), access)) {
            Checkout checkout = workspace.checkout();
            SetterResult result = setImages(automation, checkout, chosen);
            WorkTreeDiff diff = workspace.diffAndReset();
            StringBuilder text = new StringBuilder();
            result.problems().forEach(problem -> text.append("# ").append(problem).append('\n'));
            return text.append(diff.unified()).toString();
        }
    }

    /** Plans the setters' changes under spec.update.path and writes them into the work tree. */
    private static SetterResult setImages(ImageUpdateAutomation automation, Checkout checkout,
            Map<String, ImageLatest> chosen) throws IOException {
        Path updated = Setters.updateRoot(checkout.workTree(), automation.spec().update().path());
        SetterResult result = Setters.plan(updated, images(chosen));
        result.write(updated);
        return result;
    }

    /** The template data of the automation's API version: v1beta1 templates also read {@code .Updated}. */
    private static Record messageData(ImageUpdateAutomation automation, SetterResult result,
            Map<String, LatestImage> images) {
        String namespace = automation.ref().namespace();
        String name = automation.ref().name();
        Map<String, String> values = automation.spec().git().commit().messageTemplateValues();
        return V1BETA1.equals(automation.metadata().version())
                ? result.v1beta1MessageData(namespace, name, values, images)
                : result.messageData(namespace, name, values);
    }

    private static Map<String, LatestImage> images(Map<String, ImageLatest> chosen) {
        Map<String, LatestImage> images = new LinkedHashMap<>();
        chosen.forEach((policy, latest) -> images.put(policy, new LatestImage(latest.image(), latest.tag(),
                latest.digest())));
        return images;
    }

    private GitAccess open(GitRepository repository) {
        return credentials.open(repository.ref().namespace(), repository.spec().url(),
                repository.spec().secretRef() == null ? null : repository.spec().secretRef().name());
    }

    private Path folder(ImageUpdateAutomation automation) {
        return GitWorkspace.folder(dataDir, automation.ref().namespace(), automation.ref().name());
    }

    private static String shortCommit(String commit) {
        return commit == null || commit.length() <= 7 ? commit : commit.substring(0, 7);
    }
}
