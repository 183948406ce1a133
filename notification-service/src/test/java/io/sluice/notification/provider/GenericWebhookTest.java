package io.sluice.notification.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.sluice.api.Metadata;
import io.sluice.api.notification.Provider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenericWebhookTest {

    @Test
    void anAddressThatIsNoUrlIsNeverQuotedTheProviderIsNamed() throws Exception {
        // Reading refuses such an address; a Provider built otherwise must not leak it either.
        Provider provider = new Provider(new Metadata(Provider.KIND.apiVersion(), Provider.KIND.name(), "hooks",
                "flux-system", Map.of(), Map.of(), List.of()), new Provider.Spec(Provider.GENERIC,
                "hooks.slack.com/services/T000/B000/s3cret", null, null, Duration.ofSeconds(1), false));

        GenericWebhook.Delivery delivery = new GenericWebhook(Duration.ofMillis(10)).post(provider, "{}", "test");

        assertFalse(delivery.delivered());
        assertEquals(0, delivery.attempts());
        assertEquals("spec.address of Provider flux-system/hooks is not a valid http(s) URL (not quoted: it may hold"
                + " a secret)", delivery.failure());
    }
}
