package io.sluice.source.config;

/** A configuration document's field is missing or malformed; the message names the field, e.g. "spec.url is required". */
public class InvalidFieldException extends RuntimeException {
    public InvalidFieldException(String message) {
        super(message);
    }
}
