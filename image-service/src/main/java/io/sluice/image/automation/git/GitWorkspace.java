package io.sluice.image.automation.git;

import io.sluice.access.git.GitAccess;
import io.sluice.access.git.SemverTags;
import io.sluice.api.image.GitUpdate;
import io.sluice.api.meta.RedactedUrl;
import io.sluice.api.source.GitRepository;
import io.sluice.api.source.GitRepositoryRef;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * The Git side of one ImageUpdateAutomation: a clone of its GitRepository in a folder that is kept
 * between runs (each run fetches and hard-resets to the remote state instead of cloning again), the
 * checkout its plan asks for ({@link CheckoutPlan}), and the commit of the edited files pushed to the
 * push branch (and {@code spec.git.push.refspec}). One run at a time per folder: the caller runs an
 * automation's runs one after another.
 *
 * <p>A push is never forced: the work starts from the remote push branch fetched just before, so it
 * is a fast-forward unless someone pushed in between. Then the push is rejected, nothing is lost, and
 * the next run starts again from the remote. (Flux force-pushes a push branch other than the checked
 * out one; starting from the remote push branch, as Flux also does, makes that needless.)
 */
public final class GitWorkspace implements AutoCloseable {
    private static final String REMOTE_BRANCHES = "refs/remotes/origin/";
    private static final String CONFIG_SECTION = "sluice";
    private static final String CONFIG_URL = "url";

    private final Git git;
    private final Path folder;
    private final String url;
    private final CheckoutPlan plan;
    private final GitUpdate update;
    private final GitAccess access;
    private final int timeoutSeconds;
    private Checkout checkout;

    private GitWorkspace(Git git, Path folder, String url, CheckoutPlan plan, GitUpdate update, GitAccess access,
            int timeoutSeconds) {
        this.git = git;
        this.folder = folder;
        this.url = url;
        this.plan = plan;
        this.update = update;
        this.access = access;
        this.timeoutSeconds = timeoutSeconds;
    }

    /**
     * The workspace of {@code update} (an ImageUpdateAutomation's {@code spec.git}) on
     * {@code repository}, in {@code folder}: the clone left there by an earlier run when it is of the
     * same URL, else a new one. {@code access} is the GitRepository's credentials (its secretRef,
     * through {@code GitCredentials}); the caller closes it after this workspace.
     *
     * @throws GitUpdateException the plan cannot be followed (no push branch for a tag checkout, a
     *         signing key), or the folder cannot be used
     */
    public static GitWorkspace open(Path folder, GitRepository repository, GitUpdate update, GitAccess access) {
        if (update.commit() != null && update.commit().signingKey() != null) {
            throw new GitUpdateException("spec.git.commit.signingKey: signing commits is not supported yet;"
                    + " remove it to push unsigned commits");
        }
        CheckoutPlan plan = CheckoutPlan.of(repository, update);
        String url = repository.spec().url();
        int timeout = (int) Math.max(1, repository.spec().timeout().toSeconds());
        try {
            return new GitWorkspace(clone(folder, RedactedUrl.of(url)), folder, url, plan, update, access, timeout);
        } catch (IOException | GitAPIException | JGitInternalException e) {
            throw new GitUpdateException("cannot prepare the work folder " + folder + " for " + RedactedUrl.of(url)
                    + ": " + e.getMessage());
        }
    }

    /** The folder for an automation's workspace under {@code dataDir} (sluice.data-dir). */
    public static Path folder(Path dataDir, String namespace, String automation) {
        return dataDir.resolve("image-automation").resolve(namespace).resolve(automation);
    }

    public CheckoutPlan plan() {
        return plan;
    }

    /**
     * Fetches, then sets the work tree to where the next commit starts: the remote push branch when
     * the plan switches branches and it exists, else what the checkout ref names. Whatever an earlier
     * run left (edits, a rejected commit, untracked files) is gone.
     *
     * @throws GitUpdateException the fetch failed, or the checkout ref is not on the remote
     */
    public Checkout checkout() {
        try {
            fetch();
            Repository repository = git.getRepository();
            ObjectId checkedOut = resolveCheckout(repository);
            ObjectId start = checkedOut;
            if (plan.switchBranch()) {
                Ref remotePush = repository.exactRef(REMOTE_BRANCHES + plan.pushBranch());
                if (remotePush != null) {
                    start = remotePush.getObjectId();
                }
            }
            resetTo(Constants.R_HEADS + plan.pushBranch(), start);
            checkout = new Checkout(folder, start.name(), checkedOut.name(), plan.pushBranch());
            return checkout;
        } catch (IOException | GitAPIException | JGitInternalException e) {
            throw new GitUpdateException(access.failure(url, "checkout", e));
        }
    }

    /**
     * Commits every change of the work tree (added, changed and deleted files; .gitignore'd ones
     * excepted) with {@code spec.git.commit.author} as author and committer at {@code when}, and
     * pushes it to the push branch, then to {@code spec.git.push.refspec} when set. Empty when
     * nothing changed: no commit is made.
     *
     * @throws PushRejectedException the remote refused the push (named with URL and branch)
     * @throws GitUpdateException the commit or the push failed otherwise
     */
    public Optional<PushedCommit> commitAndPush(String message, Instant when) {
        return commitAndPush(message, when, plan.pushBranch());
    }

    /**
     * {@link #commitAndPush(String, Instant)}, to the remote branch {@code pushBranch} (a templated
     * {@code spec.git.push.branch}, rendered once the change is known) instead of the plan's.
     */
    public Optional<PushedCommit> commitAndPush(String message, Instant when, String pushBranch) {
        requireCheckout();
        try {
            List<String> changed = stageChanges();
            if (changed.isEmpty()) {
                return Optional.empty();
            }
            GitUpdate.Author author = update.commit().author();
            PersonIdent ident = new PersonIdent(author.name() == null ? "" : author.name(), author.email(), when,
                    ZoneOffset.UTC);
            RevCommit commit = git.commit().setMessage(message).setAuthor(ident).setCommitter(ident)
                    .setSign(false).setNoVerify(true).call();
            push(new RefSpec(Constants.R_HEADS + plan.pushBranch() + ":" + Constants.R_HEADS + pushBranch), commit,
                    "branch '" + pushBranch + "'");
            String refspec = update.push() == null ? null : update.push().refspec();
            if (refspec != null && !refspec.isEmpty()) {
                push(new RefSpec(refspec), commit, "refspec '" + refspec + "'");
            }
            return Optional.of(new PushedCommit(commit.name(), pushBranch, refspec, changed));
        } catch (GitAPIException | JGitInternalException e) {
            throw new GitUpdateException(access.failure(url, "commit to branch '" + pushBranch + "'", e));
        }
    }

    /** Whether the remote had the branch {@code name} at the last checkout's fetch. */
    public boolean remoteHasBranch(String name) {
        try {
            return git.getRepository().exactRef(REMOTE_BRANCHES + name) != null;
        } catch (IOException e) {
            throw new GitUpdateException("cannot read the refs of the work folder " + folder + ": " + e.getMessage());
        }
    }

    /**
     * What {@link #commitAndPush} would commit now, as a unified diff (for {@code sluice image diff});
     * then the work tree is reset to the checkout, so nothing is kept.
     */
    public WorkTreeDiff diffAndReset() {
        requireCheckout();
        try {
            List<String> changed = stageChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Repository repository = git.getRepository();
            try (DiffFormatter formatter = new DiffFormatter(out); ObjectReader reader = repository.newObjectReader()) {
                formatter.setRepository(repository);
                CanonicalTreeParser head = new CanonicalTreeParser();
                head.reset(reader, repository.parseCommit(ObjectId.fromString(checkout.commit())).getTree());
                formatter.format(head, new DirCacheIterator(repository.readDirCache()));
            }
            resetTo(Constants.R_HEADS + plan.pushBranch(), ObjectId.fromString(checkout.commit()));
            return new WorkTreeDiff(out.toString(StandardCharsets.UTF_8), changed);
        } catch (IOException | GitAPIException | JGitInternalException e) {
            throw new GitUpdateException(access.failure(url, "diff", e));
        }
    }

    @Override
    public void close() {
        git.close();
    }

    private void requireCheckout() {
        if (checkout == null) {
            throw new IllegalStateException("checkout() first");
        }
    }

    /**
     * Every branch (to know whether the push branch exists, and to find a commit), and the tags when a
     * tag or range is checked out; refs the remote no longer has go.
     */
    private void fetch() throws GitAPIException {
        List<RefSpec> refSpecs = new ArrayList<>(List.of(new RefSpec("+refs/heads/*:" + REMOTE_BRANCHES + "*")));
        GitRepositoryRef ref = plan.checkout();
        if (ref.tag() != null || ref.semver() != null) {
            refSpecs.add(new RefSpec("+refs/tags/*:refs/tags/*"));
        }
        if (ref.name() != null && !ref.name().startsWith(Constants.R_HEADS)) {
            refSpecs.add(new RefSpec("+" + ref.name() + ":" + ref.name()));
        }
        access.configure(git.fetch()).setRemote(url).setRefSpecs(refSpecs).setTagOpt(TagOpt.NO_TAGS)
                .setRemoveDeletedRefs(true).setTimeout(timeoutSeconds).call();
    }

    /** The commit the checkout ref names, among the refs just fetched. */
    private ObjectId resolveCheckout(Repository repository) throws IOException {
        GitRepositoryRef ref = plan.checkout();
        String wanted = CheckoutPlan.describe(ref);
        if (ref.commit() != null) {
            ObjectId commit = ObjectId.fromString(ref.commit());
            if (!repository.getObjectDatabase().has(commit)) {
                throw notFound(wanted + " (not on any branch)");
            }
            return commit;
        }
        String local;
        if (ref.semver() != null) {
            Map<String, Ref> tags = repository.getRefDatabase().getRefsByPrefix(Constants.R_TAGS).stream()
                    .collect(Collectors.toMap(Ref::getName, tag -> tag));
            local = SemverTags.highest(ref.semver(), tags).orElseThrow(() -> notFound("a tag in " + wanted));
        } else if (ref.name() != null) {
            local = ref.name().startsWith(Constants.R_HEADS)
                    ? REMOTE_BRANCHES + ref.name().substring(Constants.R_HEADS.length()) : ref.name();
        } else if (ref.tag() != null) {
            local = Constants.R_TAGS + ref.tag();
        } else {
            local = REMOTE_BRANCHES + ref.branch();
        }
        Ref found = repository.exactRef(local);
        if (found == null) {
            throw notFound(wanted);
        }
        Ref peeled = repository.getRefDatabase().peel(found);
        return peeled.getPeeledObjectId() != null ? peeled.getPeeledObjectId() : peeled.getObjectId();
    }

    private GitUpdateException notFound(String what) {
        return new GitUpdateException(RedactedUrl.of(url) + ": checkout failed: " + what + " not found");
    }

    /** Points {@code branch} at {@code start}, makes it HEAD, and makes index and work tree exactly its tree. */
    private void resetTo(String branch, ObjectId start) throws IOException, GitAPIException {
        Repository repository = git.getRepository();
        RefUpdate move = repository.updateRef(branch);
        move.setNewObjectId(start);
        move.setForceUpdate(true);
        RefUpdate.Result moved = move.update();
        if (moved != RefUpdate.Result.NEW && moved != RefUpdate.Result.FORCED
                && moved != RefUpdate.Result.FAST_FORWARD && moved != RefUpdate.Result.NO_CHANGE) {
            throw new IOException("cannot set " + branch + " to " + start.name() + ": " + moved);
        }
        repository.updateRef(Constants.HEAD).link(branch);
        git.reset().setMode(ResetCommand.ResetType.HARD).setRef(start.name()).call();
        git.clean().setCleanDirectories(true).setIgnore(false).setForce(true).call();
    }

    /** Stages every change of the work tree; the files that differ from HEAD, sorted. */
    private List<String> stageChanges() throws GitAPIException {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        Status status = git.status().call();
        TreeSet<String> changed = new TreeSet<>(status.getAdded());
        changed.addAll(status.getChanged());
        changed.addAll(status.getRemoved());
        return List.copyOf(changed);
    }

    private void push(RefSpec refSpec, RevCommit commit, String target) throws GitAPIException {
        var command = access.configure(git.push()).setRemote(url).setRefSpecs(refSpec).setTimeout(timeoutSeconds);
        Map<String, String> options = update.push() == null ? Map.of() : update.push().options();
        if (!options.isEmpty()) {
            command.setPushOptions(options.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(option -> option.getKey() + "=" + option.getValue()).toList());
        }
        Iterable<PushResult> results;
        try {
            results = command.call();
        } catch (GitAPIException | JGitInternalException e) {
            throw new GitUpdateException(access.failure(url, "push of commit " + commit.abbreviate(7).name()
                    + " to " + target, e));
        }
        for (PushResult result : results) {
            result.getRemoteUpdates().forEach(remote -> PushOutcome.check(remote, RedactedUrl.of(url), target,
                    commit.abbreviate(7).name(), access));
        }
    }

    /**
     * The clone in {@code folder} when it is of {@code displayUrl}; else the folder is emptied and a
     * new repository made there (its objects then come with the first fetch).
     */
    private static Git clone(Path folder, String displayUrl) throws IOException, GitAPIException {
        if (Files.isDirectory(folder.resolve(".git"))) {
            removeStaleLocks(folder.resolve(".git"));
            try {
                Git existing = Git.open(folder.toFile());
                if (displayUrl.equals(existing.getRepository().getConfig().getString(CONFIG_SECTION, null,
                        CONFIG_URL))) {
                    return existing;
                }
                existing.close();
            } catch (IOException unreadable) {
                // not a repository any more (a run was killed while creating it): made again below
            }
        }
        deleteRecursively(folder);
        Files.createDirectories(folder);
        Git created = Git.init().setDirectory(folder.toFile()).call();
        StoredConfig config = created.getRepository().getConfig();
        // the URL without credentials: it only tells a later run whether this clone is of the same repository
        config.setString(CONFIG_SECTION, null, CONFIG_URL, displayUrl);
        config.save();
        return created;
    }

    /**
     * Lock files (index.lock, refs' .lock) that a killed run left: runs of one workspace never overlap,
     * so any lock found when opening is stale, and would fail every later run.
     */
    private static void removeStaleLocks(Path gitDir) throws IOException {
        try (Stream<Path> paths = Files.walk(gitDir)) {
            for (Path lock : paths.filter(path -> !path.startsWith(gitDir.resolve("objects")))
                    .filter(path -> path.getFileName().toString().endsWith(".lock")).toList()) {
                Files.deleteIfExists(lock);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
