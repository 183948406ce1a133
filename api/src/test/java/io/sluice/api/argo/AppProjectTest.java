package io.sluice.api.argo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Documents;
import io.sluice.api.Kinds;
import io.sluice.api.read.ReadResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppProjectTest {
    private static final String NOT_ENFORCED = "AppProject documents are read and checked, but no stage acts on them"
            + " yet: project restrictions are not enforced yet";

    @Test
    void readsArgoCdsProjectExample() {
        ReadResult<?> read = Documents.file("upstream/appproject-my-project.yaml").get(0);
        assertTrue(read.valid(), () -> read.errorMessages().toString());
        assertEquals(List.of(NOT_ENFORCED), read.warnings().stream().map(Object::toString).toList());
        AppProject.Spec spec = ((AppProject) read.value()).spec();
        assertEquals("Example Project", spec.description());
        assertEquals(List.of("*"), spec.sourceRepos());
        assertEquals(new AppProject.ProjectDestination(Destination.IN_CLUSTER_SERVER, "in-cluster", "guestbook-*"),
                spec.destinations().get(1));
        assertEquals(List.of(new AppProject.ResourceKind("", "Namespace", null)), spec.clusterResourceWhitelist());
        assertEquals(List.of(new AppProject.ResourceKind("", "Namespace", "kube-*")), spec.clusterResourceBlacklist());
        assertEquals(3, spec.namespaceResourceBlacklist().size());
        assertEquals(new AppProject.ResourceKind("apps", "StatefulSet", null), spec.namespaceResourceWhitelist().get(1));
        assertEquals(List.of("my-oidc-group"), spec.roles().get(0).groups());
        assertEquals(List.of("p, proj:my-project:ci-role, applications, sync, my-project/guestbook-dev, allow"),
                spec.roles().get(1).policies());
        SyncWindow window = spec.syncWindows().get(0);
        assertEquals(new SyncWindow("allow", "10 1 * * *", Duration.ofHours(1), List.of("*-prod"), List.of(),
                List.of(), true, "UTC", false, null, false), window);
        assertTrue(spec.syncWindows().get(2).syncOverrun());
        assertEquals("deny", spec.syncWindows().get(2).kind());
        assertFalse(spec.orphanedResources().warn());
        assertEquals(List.of("argocd-apps-*"), spec.sourceNamespaces());
        assertEquals("strict", spec.sourceIntegrity().gitPolicies().get(0).mode());
        assertEquals(List.of("https://github.com/foo/*", "!https://github.com/foo/bar.git"),
                spec.sourceIntegrity().gitPolicies().get(0).repos());
        assertFalse(Kinds.isApplication(read.ref()));
    }

    @Test
    void defaults() {
        AppProject project = Documents.valid(AppProject.KIND, """
                apiVersion: argoproj.io/v1alpha1
                kind: AppProject
                metadata: {name: team, namespace: argocd}
                spec:
                  syncWindows: [{kind: deny, schedule: '0 22 * * *', duration: 1h}]
                """);
        AppProject.Spec spec = project.spec();
        assertEquals(List.of(), spec.sourceRepos(), "none: no Application may use the project");
        assertNull(spec.orphanedResources(), "orphaned resources are not monitored");
        assertNull(spec.sourceIntegrity());
        assertFalse(spec.permitOnlyProjectScopedClusters());
        assertEquals("UTC", spec.syncWindows().get(0).timeZone());
        assertFalse(spec.syncWindows().get(0).manualSync());
    }

    @Test
    void wrongFieldsAreErrorsNamingTheFileLineAndFieldPath() {
        ReadResult<AppProject> read = Documents.one(AppProject.KIND, "projects/team.yaml", """
                ---
                apiVersion: argoproj.io/v1alpha1
                kind: AppProject
                metadata: {name: team, namespace: argocd}
                spec:
                  destinations: [{server: 'https://kubernetes.default.svc', namespace: team}]
                  clusterResourceWhitelist:
                    - kind: Namespace
                  namespaceResourceBlacklist:
                    - group: ''
                  roles:
                    - description: no name
                  syncWindows:
                    - kind: maybe
                      schedule: 'at noon'
                      duration: 1 hour
                      timeZone: Mars/Olympus
                  signatureKeys: [{}]
                  sourceIntegrity:
                    git:
                      policies: [{repos: [{url: 'https://github.com/org/*'}], gpg: {mode: always}}]
                  permitOnlyProjectScopedClusters: maybe
                """);
        String at = "projects/team.yaml:2 (document 1): AppProject argocd/team: ";
        assertEquals(List.of(
                at + "spec.clusterResourceWhitelist[0].group is required",
                at + "spec.namespaceResourceBlacklist[0].kind is required",
                at + "spec.roles[0].name is required",
                at + "spec.syncWindows[0].kind must be allow or deny, not 'maybe'",
                at + "spec.syncWindows[0].schedule must be a cron schedule of 5 fields (minute hour day-of-month month"
                        + " day-of-week), not 'at noon'",
                at + "spec.syncWindows[0].duration must be a duration such as 30s, 5m or 1h30m, not '1 hour'",
                at + "spec.signatureKeys[0].keyID is required",
                at + "spec.permitOnlyProjectScopedClusters must be true or false, not 'maybe'",
                at + "spec.sourceIntegrity.git.policies[0].gpg.mode must be none, head or strict, not 'always'"),
                read.errorMessages());
        assertEquals(List.of("spec.syncWindows[0].timeZone 'Mars/Olympus' is not a time zone: UTC is used, as Argo CD"
                + " does", NOT_ENFORCED), read.warnings().stream().map(Object::toString).toList());
    }
}
