package dev.openpsi.events;

import java.util.List;

/**
 * The payload does not satisfy its JSON Schema. Each violation reads
 * {@code <JSON pointer>: <message>}, e.g. {@code /dn: does not match the regex pattern ...}.
 */
public final class EventValidationException extends EventContractException {

    private final String ceType;
    private final List<String> violations;

    public EventValidationException(String ceType, List<String> violations) {
        super(ceType + " violates its schema: " + String.join("; ", violations));
        this.ceType = ceType;
        this.violations = List.copyOf(violations);
    }

    public String ceType() {
        return ceType;
    }

    public List<String> violations() {
        return violations;
    }

    @Override
    public DeadLetterReason reason() {
        return DeadLetterReason.SCHEMA_VIOLATION;
    }
}
