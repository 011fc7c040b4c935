package dev.openpsi.messaging;

import java.util.Objects;

import dev.openpsi.events.Envelope;
import dev.openpsi.events.EventType;
import dev.openpsi.events.ServiceName;
import dev.openpsi.events.Traceparent;

/**
 * What an event inherits from the cause that produced it: the account and the W3C trace. An
 * event produced while handling a consumed event continues that event's trace
 * ({@link #causedBy(Envelope)}); one caused by a REST call or a timer starts a new trace.
 */
public record EventContext(String account, Traceparent parent) {

    public EventContext {
        Objects.requireNonNull(account, "account");
    }

    /** A new trace for {@code account} (REST requests, schedulers). */
    public static EventContext root(String account) {
        return new EventContext(account, null);
    }

    /** Continues the trace of the consumed event and keeps its account. */
    public static EventContext causedBy(Envelope consumed) {
        return new EventContext(consumed.account(), consumed.traceContext().orElse(null));
    }

    Envelope envelope(ServiceName source, EventType<?> type, String subject) {
        return parent == null
                ? Envelope.create(source, type, account, subject)
                : Envelope.create(source, type, account, subject, parent);
    }
}
