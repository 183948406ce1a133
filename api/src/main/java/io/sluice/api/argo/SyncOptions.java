package io.sluice.api.argo;

import io.sluice.api.read.Node;
import io.sluice.api.read.Problem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Argo CD's sync options, "Key=value" each, typed: an Application's spec.syncPolicy.syncOptions
 * ({@link #read}) and an object's {@value ArgoAnnotations#SYNC_OPTIONS} annotation
 * ({@link #parseAnnotation}), with the defaults Argo CD has when an option is not written. As in
 * Argo CD, names and values are case-sensitive: a known option with another value (or another
 * spelling) is an error, rather than silently nothing as in Argo CD; an option Sluice does not
 * know is a warning.
 *
 * @param serverSideApply ServerSideApply=true or false; null when not written (Sluice applies server-side always)
 * @param prune what pruning the object (when it left the sources) needs: Prune=false or Prune=confirm
 * @param delete what deleting the object (with its Application) needs: Delete=false or Delete=confirm
 * @param validate false with Validate=false
 * @param clientSideApplyMigration false with ClientSideApplyMigration=false (Argo CD migrates by default)
 */
public record SyncOptions(boolean createNamespace, PropagationPolicy prunePropagationPolicy, boolean pruneLast,
        boolean replace, boolean force, Boolean serverSideApply, boolean applyOutOfSyncOnly,
        boolean respectIgnoreDifferences, Deletion prune, Deletion delete, boolean validate,
        boolean skipDryRunOnMissingResource, boolean failOnSharedResource, boolean clientSideApplyMigration) {

    /** No option written: Argo CD's defaults. */
    public static final SyncOptions DEFAULTS = new SyncOptions(false, PropagationPolicy.FOREGROUND, false, false, false,
            null, false, false, Deletion.ALLOWED, Deletion.ALLOWED, true, false, false, true);
    /** The path problems of the annotation are reported on. */
    public static final String ANNOTATION_FIELD = "metadata.annotations." + ArgoAnnotations.SYNC_OPTIONS;

    /** How pruned objects' dependents are deleted: PrunePropagationPolicy (foreground when not written). */
    public enum PropagationPolicy { FOREGROUND, BACKGROUND, ORPHAN }

    /** Whether Sluice may delete an object: Prune and Delete (allowed when not written). */
    public enum Deletion {
        ALLOWED, DISABLED, CONFIRM;

        /** Whether the object must be kept: disabled, or waiting for a confirmation Sluice cannot take yet. */
        public boolean keeps() {
            return this != ALLOWED;
        }
    }

    /** What an object's annotation says, and the problems found in it (each on {@link #ANNOTATION_FIELD}). */
    public record Parsed(SyncOptions options, List<Problem> problems) {
    }

    private enum Scope { APPLICATION, OBJECT }

    /** Options of an object's annotation; all of them may also be given to the whole Application. */
    private static final List<String> OBJECT_OPTIONS = List.of("Prune", "Delete", "Validate",
            "SkipDryRunOnMissingResource", "PruneLast", "Replace", "Force", "ServerSideApply");
    private static final List<String> APPLICATION_OPTIONS = List.of("CreateNamespace", "PrunePropagationPolicy",
            "ApplyOutOfSyncOnly", "RespectIgnoreDifferences", "FailOnSharedResource", "ClientSideApplyMigration");
    private static final List<String> BOOLEAN = List.of("true", "false");
    private static final List<String> DELETION = List.of("true", "false", "confirm");
    private static final List<String> POLICIES = List.of("foreground", "background", "orphan");

    /** Reads an Application's spec.syncPolicy.syncOptions, each problem on its item ({@code syncOptions[2]}). */
    static SyncOptions read(Node syncOptions) {
        List<Node> items = syncOptions.list(Function.identity());
        Builder options = new Builder();
        for (Node item : items) {
            String option = item.string();
            if (option != null) {
                options.apply(option.trim(), Scope.APPLICATION, new Report() {
                    @Override
                    public void error(String message) {
                        item.error(message);
                    }

                    @Override
                    public void warn(String message) {
                        item.warn(message);
                    }
                });
            }
        }
        return options.build();
    }

    /** Reads the value of an object's {@value ArgoAnnotations#SYNC_OPTIONS} annotation (null: none). */
    public static Parsed parseAnnotation(String annotation) {
        Builder options = new Builder();
        List<Problem> problems = new ArrayList<>();
        if (annotation != null) {
            Report report = new Report() {
                @Override
                public void error(String message) {
                    problems.add(Problem.error(ANNOTATION_FIELD, message));
                }

                @Override
                public void warn(String message) {
                    problems.add(Problem.warning(ANNOTATION_FIELD, message));
                }
            };
            Arrays.stream(annotation.split(",")).map(String::trim).filter(option -> !option.isEmpty())
                    .forEach(option -> options.apply(option, Scope.OBJECT, report));
        }
        return new Parsed(options.build(), List.copyOf(problems));
    }

    /** Whether pruning or deleting the object is ruled out (Prune or Delete false, or confirm). */
    public boolean keepsObject() {
        return prune.keeps() || delete.keeps();
    }

    private interface Report {
        void error(String message);

        void warn(String message);
    }

    /** The options read so far; a later option wins over an earlier one. */
    private static final class Builder {
        private final Map<String, String> values = new LinkedHashMap<>();

        void apply(String option, Scope scope, Report report) {
            int equals = option.indexOf('=');
            String key = equals < 0 ? option : option.substring(0, equals);
            String value = equals < 0 ? null : option.substring(equals + 1);
            String known = known(key);
            if (known == null) {
                report.warn("'" + option + "' is not a sync option Sluice knows, ignored");
                return;
            }
            List<String> allowed = allowed(known);
            if (!known.equals(key) || value == null || !allowed.contains(value)) {
                report.error("must be " + known + "=" + alternatives(allowed) + ", not '" + option + "'");
                return;
            }
            if (scope == Scope.OBJECT && !OBJECT_OPTIONS.contains(known)) {
                report.warn("'" + option + "' is an option of an Application's spec.syncPolicy.syncOptions, ignored"
                        + " on an object");
                return;
            }
            String unsupported = unsupported(known, value);
            if (unsupported != null) {
                report.warn("'" + option + "' is not supported by Sluice yet" + unsupported);
            }
            values.put(known, value);
        }

        SyncOptions build() {
            return new SyncOptions(flag("CreateNamespace", false),
                    PropagationPolicy.valueOf(values.getOrDefault("PrunePropagationPolicy", "foreground")
                            .toUpperCase(Locale.ROOT)),
                    flag("PruneLast", false), flag("Replace", false), flag("Force", false),
                    values.containsKey("ServerSideApply") ? flag("ServerSideApply", false) : null,
                    flag("ApplyOutOfSyncOnly", false), flag("RespectIgnoreDifferences", false), deletion("Prune"),
                    deletion("Delete"), flag("Validate", true), flag("SkipDryRunOnMissingResource", false),
                    flag("FailOnSharedResource", false), flag("ClientSideApplyMigration", true));
        }

        private boolean flag(String key, boolean absent) {
            String value = values.get(key);
            return value == null ? absent : value.equals("true");
        }

        private Deletion deletion(String key) {
            String value = values.getOrDefault(key, "true");
            return value.equals("false") ? Deletion.DISABLED : value.equals("confirm") ? Deletion.CONFIRM
                    : Deletion.ALLOWED;
        }
    }

    /** The option {@code key} names, whatever its case; null when Sluice knows none. */
    private static String known(String key) {
        String trimmed = key.trim();
        return Stream.concat(OBJECT_OPTIONS.stream(), APPLICATION_OPTIONS.stream())
                .filter(option -> option.equalsIgnoreCase(trimmed)).findFirst().orElse(null);
    }

    private static List<String> allowed(String option) {
        return switch (option) {
            case "Prune", "Delete" -> DELETION;
            case "PrunePropagationPolicy" -> POLICIES;
            default -> BOOLEAN;
        };
    }

    /** Why Sluice does not do what {@code option=value} asks (": why" or ", ignored..."); null when it does. */
    private static String unsupported(String option, String value) {
        return switch (option + "=" + value) {
            case "Prune=confirm", "Delete=confirm" -> ": it asks for a confirmation Sluice cannot take yet, so the"
                    + " object is kept, as with " + option + "=false";
            case "ServerSideApply=false" -> ", ignored: Sluice always applies server-side";
            case "Validate=false" -> ", ignored: Sluice does not turn the API server's validation off";
            case "SkipDryRunOnMissingResource=true" -> ", ignored: Sluice does not skip the dry run";
            case "FailOnSharedResource=true" -> ", ignored: objects another Application manages are not refused";
            case "ClientSideApplyMigration=true", "ClientSideApplyMigration=false" ->
                ", ignored: Sluice does not migrate client-side apply field managers";
            default -> null;
        };
    }

    private static String alternatives(List<String> values) {
        return values.size() == 2 ? values.get(0) + " or " + values.get(1)
                : values.subList(0, values.size() - 1).stream().collect(Collectors.joining(", ")) + " or "
                        + values.get(values.size() - 1);
    }
}
