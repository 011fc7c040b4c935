package dev.openpsi.events;

/** The record value is not a JSON object. */
public final class MalformedJsonException extends EventContractException {

    public MalformedJsonException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public DeadLetterReason reason() {
        return DeadLetterReason.MALFORMED_JSON;
    }
}
