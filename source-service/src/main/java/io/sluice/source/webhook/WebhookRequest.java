package io.sluice.source.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.events.Json;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** A webhook call: its headers (looked up in any case) and its body, read only up to the size cap. */
final class WebhookRequest {
    private static final String FORM = "application/x-www-form-urlencoded";

    private final Map<String, String> headers;
    private final byte[] body;

    WebhookRequest(Map<String, String> headers, byte[] body) {
        Map<String, String> anyCase = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        anyCase.putAll(headers);
        this.headers = anyCase;
        this.body = body;
    }

    /** Reads the request; a body over {@code maxBody} bytes is refused without being read to its end. */
    static WebhookRequest read(HttpHeaders headers, InputStream body, long maxBody) throws WebhookRejection {
        String tooLarge = "the payload is larger than " + maxBody + " bytes (sluice.source.webhook.max-body)";
        if (headers.getLength() > maxBody) {
            throw new WebhookRejection(WebhookOutcome.TOO_LARGE, tooLarge);
        }
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : body.readNBytes((int) Math.min(maxBody + 1, Integer.MAX_VALUE - 8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the webhook body", e);
        }
        if (bytes.length > maxBody) {
            throw new WebhookRejection(WebhookOutcome.TOO_LARGE, tooLarge);
        }
        Map<String, String> first = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                first.put(name, values.get(0));
            }
        });
        return new WebhookRequest(first, bytes);
    }

    String header(String name) {
        return headers.get(name);
    }

    byte[] body() {
        return body;
    }

    /**
     * The JSON object the sender sent: the body, or the form field {@code payload} when GitHub sends
     * its webhook as a form (its "application/x-www-form-urlencoded" content type).
     */
    JsonNode json(String sender) throws WebhookRejection {
        String contentType = header("Content-Type");
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase();
        String text;
        if (mediaType.equals(FORM)) {
            try {
                text = formField(new String(body, StandardCharsets.UTF_8), "payload");
            } catch (IllegalArgumentException e) {
                throw new WebhookRejection(WebhookOutcome.BAD_REQUEST, "the " + sender + " form is not URL-encoded: "
                        + e.getMessage());
            }
        } else if (mediaType.isEmpty() || mediaType.equals("application/json") || mediaType.endsWith("+json")) {
            text = new String(body, StandardCharsets.UTF_8);
        } else {
            throw new WebhookRejection(WebhookOutcome.BAD_REQUEST, "the " + sender + " payload has Content-Type '"
                    + Printable.of(contentType) + "'; expected application/json or " + FORM);
        }
        if (text == null || text.isBlank()) {
            throw new WebhookRejection(WebhookOutcome.BAD_REQUEST, "the " + sender + " payload is empty");
        }
        JsonNode payload;
        try {
            payload = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new WebhookRejection(WebhookOutcome.BAD_REQUEST, "the " + sender + " payload is not valid JSON: "
                    + Printable.of(e.getOriginalMessage()) + where);
        }
        if (!payload.isObject()) {
            throw new WebhookRejection(WebhookOutcome.BAD_REQUEST, "the " + sender + " payload is not a JSON object");
        }
        return payload;
    }

    private static String formField(String form, String name) {
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8).equals(name)) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
