package io.sluice.api.argo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Documents;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sync-options annotation of the objects an Application applies (the Application's own list: ApplicationTest). */
class SyncOptionsTest {

    @Test
    void anObjectsAnnotationIsTypedWithArgoCdsDefaults() {
        SyncOptions.Parsed parsed = SyncOptions.parseAnnotation(" Prune=false , Replace=true,ServerSideApply=true ");
        assertEquals(List.of(), parsed.problems());
        SyncOptions options = parsed.options();
        assertEquals(SyncOptions.Deletion.DISABLED, options.prune());
        assertEquals(SyncOptions.Deletion.ALLOWED, options.delete());
        assertTrue(options.keepsObject());
        assertTrue(options.replace());
        assertEquals(Boolean.TRUE, options.serverSideApply());
        assertFalse(options.force());

        assertEquals(SyncOptions.DEFAULTS, SyncOptions.parseAnnotation(null).options());
        assertNull(SyncOptions.DEFAULTS.serverSideApply(), "not written");
        assertEquals(SyncOptions.PropagationPolicy.FOREGROUND, SyncOptions.DEFAULTS.prunePropagationPolicy());
        assertTrue(SyncOptions.DEFAULTS.validate());
        assertFalse(SyncOptions.DEFAULTS.keepsObject());
    }

    @Test
    void annotationProblemsNameTheAnnotationAndQuoteTheOption() {
        SyncOptions.Parsed parsed = SyncOptions.parseAnnotation(
                "Delete=confirm,CreateNamespace=true,Force=yes,prune=false,Unknown=1");
        assertEquals(List.of(
                "metadata.annotations.argocd.argoproj.io/sync-options 'Delete=confirm' is not supported by Sluice yet:"
                        + " it asks for a confirmation Sluice cannot take yet, so the object is kept, as with"
                        + " Delete=false",
                "metadata.annotations.argocd.argoproj.io/sync-options 'CreateNamespace=true' is an option of an"
                        + " Application's spec.syncPolicy.syncOptions, ignored on an object",
                "metadata.annotations.argocd.argoproj.io/sync-options must be Force=true or false, not 'Force=yes'",
                "metadata.annotations.argocd.argoproj.io/sync-options must be Prune=true, false or confirm, not"
                        + " 'prune=false'",
                "metadata.annotations.argocd.argoproj.io/sync-options 'Unknown=1' is not a sync option Sluice knows,"
                        + " ignored"),
                parsed.problems().stream().map(Object::toString).toList());
        assertEquals(List.of(true, true, false, false, true),
                parsed.problems().stream().map(problem -> !problem.isError()).toList(),
                "warnings, but for the two mistakes");
        assertEquals(SyncOptions.Deletion.CONFIRM, parsed.options().delete());
        assertTrue(parsed.options().keepsObject(), "a confirmation Sluice cannot take keeps the object");
        assertFalse(parsed.options().createNamespace(), "an Application's option on an object does nothing");
    }

    @Test
    void theApplicationsListTakesEveryOption() {
        Application app = Documents.valid(Application.KIND, ApplicationTest.application("""
                  source: {repoURL: 'https://github.com/org/app'}
                  syncPolicy:
                    syncOptions: [CreateNamespace=true, PrunePropagationPolicy=orphan, Force=true,
                      RespectIgnoreDifferences=true, ApplyOutOfSyncOnly=true, Delete=false]
                """));
        SyncOptions options = app.spec().syncPolicy().syncOptions();
        assertTrue(options.createNamespace());
        assertEquals(SyncOptions.PropagationPolicy.ORPHAN, options.prunePropagationPolicy());
        assertTrue(options.force());
        assertTrue(options.respectIgnoreDifferences());
        assertTrue(options.applyOutOfSyncOnly());
        assertEquals(SyncOptions.Deletion.DISABLED, options.delete());
    }
}
