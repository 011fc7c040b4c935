package dev.openpsi.events;

/** A required envelope header is missing or unparsable, or {@code ce_type} is not syntactically valid. */
public final class MalformedEventException extends EventContractException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public DeadLetterReason reason() {
        return DeadLetterReason.MALFORMED_ENVELOPE;
    }
}
