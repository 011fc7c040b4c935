package dev.openpsi.osvadapter.service;

import java.util.List;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.openpsi.events.EventType;
import dev.openpsi.messaging.EventContext;
import dev.openpsi.messaging.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** An event a state change causes, written to the outbox in the transaction of that change. */
record PendingEvent<P extends Record>(EventType<P> type, P payload) {

    static <P extends Record> PendingEvent<P> of(EventType<P> type, P payload) {
        return new PendingEvent<>(type, payload);
    }

    private Uni<Void> appendTo(Outbox outbox, Mutiny.Session session, EventContext context) {
        return outbox.append(session, context, type, payload).replaceWithVoid();
    }

    /**
     * Appends {@code events} in order to the outbox, in the current Panache transaction (call it
     * inside {@code @WithTransaction}): they commit with the state change or not at all.
     */
    static Uni<Void> appendAll(Outbox outbox, String account, List<PendingEvent<?>> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        EventContext context = EventContext.root(account);
        return Panache.getSession().chain(session -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (PendingEvent<?> event : events) {
                // one after the other: a session runs one operation at a time
                chain = chain.chain(() -> event.appendTo(outbox, session, context));
            }
            return chain;
        });
    }
}
