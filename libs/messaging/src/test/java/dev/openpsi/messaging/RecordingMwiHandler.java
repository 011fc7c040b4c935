package dev.openpsi.messaging;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.openpsi.events.EventType;
import dev.openpsi.events.EventTypes;
import dev.openpsi.events.payload.mwi.MessageWaitingChanged;
import io.smallrye.mutiny.Uni;

/** A handler whose effect is a row in applied_effect, written in the consumer's transaction. */
class RecordingMwiHandler implements EventHandler<MessageWaitingChanged> {

    private final String consumer;

    RecordingMwiHandler(String consumer) {
        this.consumer = consumer;
    }

    @Override
    public EventType<MessageWaitingChanged> eventType() {
        return EventTypes.MESSAGE_WAITING_CHANGED;
    }

    @Override
    public Uni<Void> handle(Mutiny.Session session, InboundEvent<MessageWaitingChanged> event) {
        MessageWaitingChanged p = event.payload();
        return session.createNativeQuery("""
                        insert into applied_effect (consumer, event_id, replay_id, account, dn, new_messages)
                        values (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, consumer)
                .setParameter(2, event.envelope().id())
                .setParameter(3, event.envelope().replayId())
                .setParameter(4, p.account())
                .setParameter(5, p.dn())
                .setParameter(6, p.newMessages())
                .executeUpdate()
                .replaceWithVoid();
    }
}
