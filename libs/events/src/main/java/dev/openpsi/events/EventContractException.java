package dev.openpsi.events;

/**
 * A record that breaks the event contract. Each subclass maps to one {@link DeadLetterReason}, so
 * a consumer can route the record to the DLQ with the right reason header without guessing.
 */
public abstract class EventContractException extends RuntimeException {

    protected EventContractException(String message) {
        super(message);
    }

    protected EventContractException(String message, Throwable cause) {
        super(message, cause);
    }

    public abstract DeadLetterReason reason();
}
