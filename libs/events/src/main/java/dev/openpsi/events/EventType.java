package dev.openpsi.events;

import java.util.Objects;
import java.util.function.Function;

import dev.openpsi.events.payload.EventPayload;

/**
 * One event type of the contract: its {@code ce_type}, stream, payload record and JSON Schema.
 * Instances exist only as constants of {@link EventTypes}, so no other code can invent a type.
 *
 * @param <P> the payload record
 */
public final class EventType<P extends Record> {

    private final Topic topic;
    private final String name;
    private final int version;
    private final Class<P> payloadClass;
    private final Function<P, String> subjectOf;

    EventType(Topic topic, String name, int version, Class<P> payloadClass, Function<P, String> subjectOf) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.name = Objects.requireNonNull(name, "name");
        this.version = version;
        this.payloadClass = Objects.requireNonNull(payloadClass, "payloadClass");
        this.subjectOf = Objects.requireNonNull(subjectOf, "subjectOf");
        if (!EventPayload.class.isAssignableFrom(payloadClass)) {
            throw new IllegalArgumentException(payloadClass + " must implement EventPayload");
        }
        // Fails fast at class initialisation if the name or version would give an invalid ce_type.
        CeType.parse(ceType());
    }

    /** e.g. {@code dev.openpsi.mwi.MessageWaitingChanged.v1}. */
    public String ceType() {
        return CeType.PREFIX + topic.stream() + "." + name + ".v" + version;
    }

    public Topic topic() {
        return topic;
    }

    public Class<P> payloadClass() {
        return payloadClass;
    }

    /** Classpath resource of the JSON Schema, e.g. {@code /schemas/mwi/MessageWaitingChanged.v1.json}. */
    public String schemaResource() {
        return "/schemas/" + topic.stream() + "/" + name + ".v" + version + ".json";
    }

    /** The event name without stream or version, e.g. {@code MessageWaitingChanged}. */
    public String name() {
        return name;
    }

    public int version() {
        return version;
    }

    /**
     * The entity the event is about, as the stream's key meaning says (email, DN, mailbox,
     * component...): the value for {@code ce_subject} and the second half of the record key.
     */
    public String subject(P payload) {
        return subjectOf.apply(payloadClass.cast(payload));
    }

    /** The Kafka record key {@code <account>/<subject>} that keeps this entity's events in order. */
    public String key(P payload) {
        return EventKeys.of(((EventPayload) payloadClass.cast(payload)).account(), subject(payload));
    }

    /** Account of {@code payload}; every payload carries one. */
    public String account(P payload) {
        return ((EventPayload) payloadClass.cast(payload)).account();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EventType<?> that && ceType().equals(that.ceType());
    }

    @Override
    public int hashCode() {
        return ceType().hashCode();
    }

    @Override
    public String toString() {
        return ceType();
    }
}
