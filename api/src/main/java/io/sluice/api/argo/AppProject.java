package io.sluice.api.argo;

import io.sluice.api.ApiGroups;
import io.sluice.api.Kind;
import io.sluice.api.Metadata;
import io.sluice.api.Resource;
import io.sluice.api.read.Node;
import java.util.List;

/**
 * An Argo CD AppProject (argoproj.io/v1alpha1): what the Applications of a project may use (source
 * repositories, destinations, kinds of objects) and when they may sync. Read and checked; Sluice does
 * not enforce it yet.
 */
public record AppProject(Metadata metadata, Spec spec) implements Resource {
    public static final Kind<AppProject> KIND = Kind.configuration(ApiGroups.ARGO, "AppProject", List.of("v1alpha1"),
            (metadata, spec) -> new AppProject(metadata, Spec.read(spec)))
            .notActedOnYet("project restrictions are not enforced yet");

    /**
     * @param sourceRepos the repository URLs (globs; "*": any) Applications may read from
     * @param destinations the clusters and namespaces (globs) Applications may apply to
     * @param clusterResourceWhitelist cluster-scoped kinds that may be applied (none when empty)
     * @param namespaceResourceWhitelist namespaced kinds that may be applied; empty: any
     * @param orphanedResources the monitoring of objects no Application manages; null when not written (off)
     * @param sourceNamespaces namespaces (globs) whose Applications may use this project, besides Argo CD's own
     * @param signatureKeys GPG key ids that commits must be signed with (deprecated for sourceIntegrity)
     * @param permitOnlyProjectScopedClusters whether only clusters scoped to this project may be destinations
     * @param sourceIntegrity the signatures required of sources; null when not written
     */
    public record Spec(String description, List<String> sourceRepos, List<ProjectDestination> destinations,
            List<ResourceKind> clusterResourceWhitelist, List<ResourceKind> clusterResourceBlacklist,
            List<ResourceKind> namespaceResourceWhitelist, List<ResourceKind> namespaceResourceBlacklist,
            List<Role> roles, List<SyncWindow> syncWindows, OrphanedResources orphanedResources,
            List<String> sourceNamespaces, List<String> signatureKeys, boolean permitOnlyProjectScopedClusters,
            List<DestinationServiceAccount> destinationServiceAccounts, SourceIntegrity sourceIntegrity) {

        static Spec read(Node spec) {
            return new Spec(ArgoFields.description(spec.get("description")), spec.get("sourceRepos").strings(),
                    spec.get("destinations").list(item -> item.object(ProjectDestination::read)),
                    resourceKinds(spec.get("clusterResourceWhitelist"), true),
                    resourceKinds(spec.get("clusterResourceBlacklist"), true),
                    resourceKinds(spec.get("namespaceResourceWhitelist"), false),
                    resourceKinds(spec.get("namespaceResourceBlacklist"), false),
                    spec.get("roles").list(item -> item.object(Role::read)),
                    spec.get("syncWindows").list(item -> item.object(SyncWindow::read)),
                    spec.get("orphanedResources").object(OrphanedResources::read),
                    spec.get("sourceNamespaces").strings(),
                    spec.get("signatureKeys").list(item -> item.object(key -> key.get("keyID").requiredString())),
                    spec.get("permitOnlyProjectScopedClusters").bool(),
                    spec.get("destinationServiceAccounts").list(item -> item.object(DestinationServiceAccount::read)),
                    spec.get("sourceIntegrity").object(SourceIntegrity::read));
        }

        private static List<ResourceKind> resourceKinds(Node list, boolean named) {
            return list.list(item -> item.object(kind -> ResourceKind.read(kind, named)));
        }
    }

    /** A destination Applications may use: the cluster by server or name (or both), and a namespace; globs each. */
    public record ProjectDestination(String server, String name, String namespace) {

        static ProjectDestination read(Node destination) {
            return new ProjectDestination(destination.get("server").string(), destination.get("name").string(),
                    destination.get("namespace").string());
        }
    }

    /**
     * A kind of object, for the white and black lists.
     *
     * @param group the API group, "" for the core group (required, as in the CRD)
     * @param name a glob of object names; null: any (only cluster-scoped lists have it)
     */
    public record ResourceKind(String group, String kind, String name) {

        static ResourceKind read(Node kind, boolean named) {
            return new ResourceKind(ArgoFields.requiredMayBeEmpty(kind.get("group")), kind.get("kind").requiredString(),
                    named ? kind.get("name").string() : null);
        }
    }

    /**
     * A role: the casbin policies it grants and the OIDC groups bound to it (its JWT tokens are
     * Argo CD's records of tokens it issued, nothing to read).
     */
    public record Role(String name, String description, List<String> policies, List<String> groups) {

        static Role read(Node role) {
            role.accepted("jwtTokens");
            return new Role(role.get("name").requiredString(), role.get("description").string(),
                    role.get("policies").strings(), role.get("groups").strings());
        }
    }

    /**
     * The monitoring of objects in the destination namespaces that no Application manages.
     *
     * @param warn whether Applications with such objects get a warning (false when not written)
     * @param ignore the objects left out of it
     */
    public record OrphanedResources(boolean warn, List<ResourceKind> ignore) {

        static OrphanedResources read(Node orphaned) {
            return new OrphanedResources(orphaned.get("warn").bool(), orphaned.get("ignore").list(
                    item -> item.object(key -> new ResourceKind(orZero(key.get("group").string()),
                            key.get("kind").string(), key.get("name").string()))));
        }

        private static String orZero(String group) {
            return group == null ? "" : group;
        }
    }

    /** The service account a sync to {@code server} (and namespace, a glob) impersonates. */
    public record DestinationServiceAccount(String server, String namespace, String defaultServiceAccount) {

        static DestinationServiceAccount read(Node account) {
            return new DestinationServiceAccount(account.get("server").requiredString(),
                    account.get("namespace").string(), account.get("defaultServiceAccount").requiredString());
        }
    }

    /** The signatures Git sources need: a GPG policy per group of repositories (URL globs, "!" excluding). */
    public record SourceIntegrity(List<GitPolicy> gitPolicies) {

        /**
         * @param mode none, head (the commit synced must be signed) or strict (every commit up to it)
         * @param keys the GPG key ids accepted
         */
        public record GitPolicy(List<String> repos, String mode, List<String> keys) {

            static GitPolicy read(Node policy) {
                List<String> repos = policy.get("repos").list(item -> item.object(
                        repo -> repo.get("url").requiredString()));
                Node gpg = policy.get("gpg");
                if (!gpg.present()) {
                    gpg.error("is required");
                    return new GitPolicy(repos, null, List.of());
                }
                return new GitPolicy(repos, gpg.get("mode").requiredOneOf("none", "head", "strict"),
                        gpg.get("keys").strings());
            }
        }

        static SourceIntegrity read(Node integrity) {
            Node git = integrity.get("git");
            if (!git.present()) {
                git.error("is required");
            }
            return new SourceIntegrity(git.get("policies").list(item -> item.object(GitPolicy::read)));
        }
    }
}
