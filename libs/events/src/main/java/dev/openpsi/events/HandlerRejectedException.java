package dev.openpsi.events;

/**
 * Thrown by a consumer's handler for a contract-valid event it can never process (for example an
 * event for an account that does not exist). Retrying cannot help, so the record is dead-lettered
 * with {@link DeadLetterReason#HANDLER_REJECTED} instead of blocking its partition.
 */
public class HandlerRejectedException extends EventContractException {

    public HandlerRejectedException(String message) {
        super(message);
    }

    public HandlerRejectedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public DeadLetterReason reason() {
        return DeadLetterReason.HANDLER_REJECTED;
    }
}
