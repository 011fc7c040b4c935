package dev.openpsi.events;

/** {@code ce_type} is well-formed but its stream or event is not in {@link EventTypes}. */
public final class UnknownEventTypeException extends EventContractException {

    private final String ceType;

    public UnknownEventTypeException(String ceType, String message) {
        super(message);
        this.ceType = ceType;
    }

    public String ceType() {
        return ceType;
    }

    @Override
    public DeadLetterReason reason() {
        return DeadLetterReason.UNKNOWN_EVENT_TYPE;
    }
}
