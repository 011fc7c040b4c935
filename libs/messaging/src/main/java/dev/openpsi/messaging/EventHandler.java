package dev.openpsi.messaging;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.openpsi.events.EventType;
import io.smallrye.mutiny.Uni;

/**
 * Applies one event type. Implementations are CDI beans; the service's consumer finds them, reads
 * their topics and calls {@link #handle} inside a transaction that also records the event as
 * processed, so the effects happen once per event (and once per deliberate replay).
 *
 * <p>Throw {@link dev.openpsi.events.HandlerRejectedException} for an event that can never be
 * applied (it is dead-lettered); any other failure is retried.
 */
public interface EventHandler<P extends Record> {

    EventType<P> eventType();

    Uni<Void> handle(Mutiny.Session session, InboundEvent<P> event);
}
