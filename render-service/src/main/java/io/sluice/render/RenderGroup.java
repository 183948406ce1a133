package io.sluice.render;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.sluice.events.kafka.PartitionShare;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * This instance's membership of the consumer group {@value #GROUP} on sluice.config (channel
 * {@value #CHANNEL}): the partitions the group gives it say which applications it renders
 * ({@link PartitionShare}, with {@link io.sluice.render.reconcile.RenderShare} as its owner). Render
 * takes no commands, so the channel's records just pass: the config view reads the whole topic.
 */
@ApplicationScoped
public class RenderGroup {
    public static final String GROUP = "sluice-render-service";
    static final String CHANNEL = "render-share";

    private final PartitionShare share = new PartitionShare(GROUP, null);

    @Produces
    @Identifier(CHANNEL)
    KafkaConsumerRebalanceListener listener() {
        return share;
    }

    @Incoming(CHANNEL)
    void onConfigRecord(ConsumerRecord<String, String> record) {
        // Nothing to do: the group's assignment is what this channel is for.
    }

    public PartitionShare share() {
        return share;
    }
}
