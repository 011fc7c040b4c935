package dev.openpsi.events;

import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A record value that passed the contract: its type, the bound payload record and the validated
 * JSON tree (kept for the journal, which stores events of every type generically).
 */
public record DecodedEvent<P extends Record>(EventType<P> type, P payload, JsonNode json) {

    public DecodedEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(json, "json");
    }

    public boolean is(EventType<?> candidate) {
        return type.equals(candidate);
    }

    /**
     * The payload as {@code expected}'s record, for dispatching on the type.
     *
     * @throws IllegalStateException if this event is of another type
     */
    public <Q extends Record> Q payloadAs(EventType<Q> expected) {
        if (!is(expected)) {
            throw new IllegalStateException("event is " + type.ceType() + ", not " + expected.ceType());
        }
        return expected.payloadClass().cast(payload);
    }
}
