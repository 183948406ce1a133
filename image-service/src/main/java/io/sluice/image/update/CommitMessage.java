package io.sluice.image.update;

import io.sluice.api.template.Stringer;
import io.sluice.api.template.Template;
import io.sluice.api.template.TemplateException;
import java.util.List;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import java.util.Map;

/**
 * The commit message of an image update: spec.git.commit.messageTemplate rendered over the data Flux
 * documents, or Flux's default message when there is no template.
 */
public final class CommitMessage {
    /** Flux's message when spec.git.commit.messageTemplate is empty. */
    public static final String DEFAULT_MESSAGE = "Update from image update automation";
    /** The name template errors carry. */
    public static final String FIELD = "spec.git.commit.messageTemplate";
    /** The name a templated push branch's errors carry. */
    public static final String BRANCH_FIELD = "spec.git.push.branch";

    /** What a messageTemplate reads: {@code .AutomationObject}, {@code .Changed}, {@code .Values}. */
    public record Data(NamespacedName automationObject, Changed changed, Map<String, String> values) {
    }

    /**
     * What a v1beta1 automation's messageTemplate reads: the same, and {@code .Updated} (Flux's data
     * before v1beta2, {@link Updated}), so the templates written for v1beta1 (seed §3.5) keep working.
     */
    public record V1beta1Data(NamespacedName automationObject, Updated updated, Changed changed,
            Map<String, String> values) {
    }

    /** The automation's namespace and name; prints as "namespace/name" as Go's types.NamespacedName does. */
    public record NamespacedName(String namespace, String name) implements Stringer {
        @Override
        public String asString() {
            return namespace + "/" + name;
        }
    }

    /** Fields that Flux's older template data had: using one fails with Flux's hint. */
    private static final List<String[]> REMOVED = List.of(
            new String[] {"can't evaluate field Updated in type Data", "'.Updated' field. Please use '.Changed' instead"},
            new String[] {"can't evaluate field ImageResult in type Changed",
                "'.Changed.ImageResult' field. Please use '.Changed.FileChanges' or '.Changed.Objects' instead"});

    private CommitMessage() {
    }

    /** The message; a {@link TemplateException} naming spec.git.commit.messageTemplate, line and cause. */
    public static String render(String messageTemplate, Record data) {
        if (messageTemplate == null || messageTemplate.isEmpty()) {
            return DEFAULT_MESSAGE;
        }
        Template template = Template.parse(FIELD, messageTemplate);
        try {
            return template.execute(data);
        } catch (TemplateException failed) {
            for (String[] removed : REMOVED) {
                if (failed.getMessage().contains(removed[0])) {
                    throw new TemplateException(failed.getMessage() + ": the template uses the removed " + removed[1]);
                }
            }
            throw failed;
        }
    }

    /**
     * The push branch a templated {@code spec.git.push.branch} names for this change (the same data as
     * the message); an error names the field when the template fails or gives no valid branch name.
     */
    public static String pushBranch(String branchTemplate, Record data) {
        String branch = Template.parse(BRANCH_FIELD, branchTemplate).execute(data).trim();
        if (!Repository.isValidRefName(Constants.R_HEADS + branch)) {
            throw new TemplateException("template: " + BRANCH_FIELD + ": gives '" + branch
                    + "', which is not a valid branch name");
        }
        return branch;
    }
}
