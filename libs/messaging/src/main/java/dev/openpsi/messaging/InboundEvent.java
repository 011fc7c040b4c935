package dev.openpsi.messaging;

import dev.openpsi.events.Envelope;

/** A consumed, contract-valid event as a handler sees it. */
public record InboundEvent<P>(Envelope envelope, P payload, String topic, int partition, long offset) {

    /** The context for events this one causes: same account, same trace. */
    public EventContext context() {
        return EventContext.causedBy(envelope);
    }
}
