package io.sluice.source.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.configuration.MemorySize;
import io.sluice.api.ObjectRef;
import io.sluice.api.status.Reasons;
import io.sluice.events.ConfigDocument;
import io.sluice.source.SourceEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.InputStream;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * What both webhook endpoints do with a request before deciding on it: wait until the configuration
 * is read, cap the body, and read the JSON payload, reporting a payload that cannot be read as an
 * event on the object the request was for (an authentic sender has a real problem to fix).
 */
@ApplicationScoped
public class WebhookIntake {
    private static final Logger LOG = Logger.getLogger(WebhookIntake.class);

    private final ConfigDocuments config;
    private final SourceEvents events;
    private final MemorySize maxBody;

    @Inject
    public WebhookIntake(ConfigDocuments config, SourceEvents events,
            @ConfigProperty(name = "sluice.source.webhook.max-body", defaultValue = "1M") MemorySize maxBody) {
        this.config = config;
        this.events = events;
        this.maxBody = maxBody;
    }

    void requireCaughtUp() throws WebhookRejection {
        if (!config.caughtUp()) {
            throw new WebhookRejection(WebhookOutcome.UNAVAILABLE,
                    "the source-service is still reading its configuration; try again shortly");
        }
    }

    WebhookRequest read(HttpHeaders headers, InputStream body) throws WebhookRejection {
        return WebhookRequest.read(headers, body, maxBody.asLongValue());
    }

    /** The payload as JSON; {@code who} and {@code what} name the endpoint and the event in the report. */
    JsonNode json(WebhookRequest request, String sender, ObjectRef about, String who, String what)
            throws WebhookRejection {
        try {
            return request.json(sender);
        } catch (WebhookRejection malformed) {
            String message = who + ": " + what + " refused: " + malformed.getMessage();
            LOG.warn(message);
            events.error(about, Reasons.WEBHOOK_REJECTED, message, null);
            throw malformed;
        }
    }

    /** Every configuration document now, by id. */
    Map<String, ConfigDocument> documents() {
        return config.documents();
    }
}
