package io.sluice.apply.app;

import io.sluice.api.status.Reasons;
import io.sluice.events.ApplyCommand;
import io.sluice.events.ConfigDocument;
import io.sluice.events.Event;
import io.sluice.events.Json;
import io.sluice.events.Topics;
import io.sluice.events.kafka.ConsumerSettings;
import io.sluice.events.kafka.PartitionShare;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Users' commands from {@link Topics#APPLY_COMMANDS}: {@code suspend}, {@code resume},
 * {@code sync} with the options {@code prune} and {@code dryRun} ("true" or "false"), and
 * {@code rollback} with the options {@code id} (a history id) and {@code prune}. A command
 * is checked on arrival: one that is no command, names no known application, an unknown action or
 * option, or an option value other than true/false goes to the dead-letter topic with the reason
 * (the channel's dead-letter-queue strategy), and an event about the application says so. A valid
 * one runs on the worker, in turn with the reconciles.
 *
 * <p>The commands come through the channel {@value #CHANNEL}: this instance's membership of the
 * group {@value #GROUP} on sluice.config and the command topic, which also decides which
 * applications it owns ({@link PartitionShare}, handing them to {@link AppWorker}): the owner of an
 * application is the one that receives its commands.
 */
@ApplicationScoped
public class AppCommands {
    private static final Logger LOG = Logger.getLogger(AppCommands.class);
    static final String SUSPEND = "suspend";
    static final String RESUME = "resume";
    static final String SYNC = "sync";
    static final String PRUNE = "prune";
    static final String DRY_RUN = "dryRun";
    /** The consumer group of every apply-service instance, which spreads the applications over them. */
    static final String GROUP = "sluice-apply-service";
    /** The channel of this instance's share: sluice.config and the commands, in {@value #GROUP}. */
    static final String CHANNEL = "apply-share";
    /** The Kafka settings the channel takes from this bean (kafka-configuration in application.properties). */
    static final String CHANNEL_SETTINGS = "apply-share-session";
    /** How long a command waits for the documents and bundles published before it to be read. */
    private static final Duration LATEST_INPUTS_TIMEOUT = Duration.ofSeconds(10);

    /** How soon the group gives the applications of an instance that stopped answering to the others. */
    private final Duration sessionTimeout;
    private final ApplyStreams streams;
    private final AppReconciler reconciler;
    private final Suspensions suspensions;
    private final Rollbacks rollbacks;
    private final PartitionShare share = new PartitionShare(GROUP, Topics.APPLY_COMMANDS);
    private volatile AppWorker worker;

    AppCommands(@ConfigProperty(name = "sluice.apply.owners.session-timeout") Duration sessionTimeout,
            ApplyStreams streams, AppReconciler reconciler, Suspensions suspensions, Rollbacks rollbacks) {
        this.sessionTimeout = sessionTimeout;
        this.streams = streams;
        this.reconciler = reconciler;
        this.suspensions = suspensions;
        this.rollbacks = rollbacks;
    }

    /** The channel's rebalance listener: which partitions of sluice.config this instance owns. */
    @Produces
    @Identifier(CHANNEL)
    KafkaConsumerRebalanceListener share() {
        return share;
    }

    /**
     * The channel's session timeout, from sluice.apply.owners.session-timeout (a duration such as
     * 10s, which Kafka's session.timeout.ms cannot read), and a heartbeat well within it.
     */
    @Produces
    @Identifier(CHANNEL_SETTINGS)
    Map<String, Object> sessionSettings() {
        return ConsumerSettings.session(sessionTimeout);
    }

    /**
     * Called once the views have caught up: from then on the group's assignments reach {@code owner}
     * (takeOver and handOver) and its commands run; the group waits for it before assigning.
     */
    void ready(AppWorker owner) {
        worker = owner;
        share.ready(new PartitionShare.Owner() {
            @Override
            public void acquired(Set<Integer> partitions, int partitionCount) {
                owner.takeOver(partitions, partitionCount);
            }

            @Override
            public void released(Set<Integer> partitions) {
                owner.handOver(partitions);
            }
        });
    }

    /** True once the group has given this instance its first share of the applications (which may be none). */
    boolean joined() {
        return share.joined();
    }

    /**
     * One record of this instance's share: a command is checked and queued on the worker; an
     * exception sends it to sluice.apply.commands.dlq. Records of sluice.config pass: the views read them.
     */
    @Incoming(CHANNEL)
    @Blocking
    void onRecord(ConsumerRecord<String, String> record) {
        if (share.isCommand(record)) {
            accept(record.key(), Json.read(record.value(), ApplyCommand.class));
        }
    }

    private void accept(String key, ApplyCommand command) {
        String appId = command.appId();
        awaitLatestInputs(appId);
        ConfigDocument doc = appId == null ? null : streams.config(appId);
        try {
            if (doc == null) {
                throw new IllegalArgumentException("no application " + appId + " is known");
            }
            if (!appId.equals(key)) {
                // Only the record's key decides which instance receives it, and so owns the application.
                throw new IllegalArgumentException("the command for " + appId + " is keyed " + key
                        + ": key a command by its application's id");
            }
            dispatch(command, appId);
        } catch (IllegalArgumentException e) {
            if (doc != null) {
                streams.publish(Event.error(doc.ref(), Reasons.COMMAND_REJECTED, "command " + command.action() + " from "
                        + who(command) + " rejected: " + e.getMessage(), null, ApplyStreams.SERVICE));
            }
            throw e;
        }
    }

    private void dispatch(ApplyCommand command, String appId) {
        String who = who(command);
        Map<String, String> options = command.options() == null ? Map.of() : command.options();
        String action = String.valueOf(command.action());
        switch (action) {
            case SUSPEND -> {
                onlyOptions(options, Set.of());
                worker.command(appId, () -> suspensions.suspend(appId, who));
            }
            case RESUME -> {
                onlyOptions(options, Set.of());
                worker.command(appId, () -> suspensions.resume(appId, who));
            }
            case SYNC -> {
                onlyOptions(options, Set.of(PRUNE, DRY_RUN));
                SyncRequest request = new SyncRequest(who, flag(options, PRUNE), Boolean.TRUE.equals(flag(options,
                        DRY_RUN)));
                // A dry run changes nothing, so it leaves the next reconcile as planned.
                worker.command(appId, () -> {
                    ReconcileOutcome outcome = reconciler.reconcile(appId, request);
                    return request.dryRun() ? null : outcome;
                });
            }
            case ApplyCommand.ROLLBACK -> {
                onlyOptions(options, Set.of(ApplyCommand.HISTORY_ID, PRUNE));
                Long id = historyId(options.get(ApplyCommand.HISTORY_ID));
                Boolean prune = flag(options, PRUNE);
                worker.command(appId, () -> rollbacks.rollback(appId, id, prune, who));
            }
            default -> throw new IllegalArgumentException("unknown action '" + action + "' (expected " + SUSPEND
                    + ", " + RESUME + ", " + SYNC + " or " + ApplyCommand.ROLLBACK + ")");
        }
        LOG.infof("app=%s command %s %s from %s accepted", appId, action, options, who);
    }

    private void awaitLatestInputs(String appId) {
        try {
            if (!streams.awaitLatestInputs(LATEST_INPUTS_TIMEOUT)) {
                LOG.warnf("app=%s command runs on the inputs read so far: the latest were not read within %s", appId,
                        LATEST_INPUTS_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the latest inputs of " + appId, e);
        }
    }

    private static void onlyOptions(Map<String, String> options, Set<String> allowed) {
        for (String option : options.keySet()) {
            if (!allowed.contains(option)) {
                throw new IllegalArgumentException("unknown option '" + option + "'"
                        + (allowed.isEmpty() ? " (this action takes none)" : " (expected " + allowed + ")"));
            }
        }
    }

    /** The option's value, or null when it is not given. */
    private static Boolean flag(Map<String, String> options, String option) {
        String value = options.get(option);
        if (value == null) {
            return null;
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("option " + option + " must be true or false, not '" + value + "'");
        }
        return Boolean.valueOf(value);
    }

    /** The id of a history entry; null when not given. */
    private static Long historyId(String value) {
        if (value == null) {
            return null;
        }
        try {
            long id = Long.parseLong(value);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("option " + ApplyCommand.HISTORY_ID + " must be a history id (a whole"
                + " number > 0, see `sluice app history`), not '" + value + "'");
    }

    private static String who(ApplyCommand command) {
        return command.requestedBy() == null || command.requestedBy().isBlank() ? "an unnamed user"
                : command.requestedBy();
    }
}
