package dev.openpsi.messaging;

import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.openpsi.events.Envelope;
import dev.openpsi.events.EventCodec;
import dev.openpsi.events.EventType;
import dev.openpsi.events.ServiceName;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes an event into the caller's transaction. The state change and the event commit together
 * or not at all; {@link OutboxRelay} publishes committed events. Never send directly to Kafka
 * from business code.
 */
@ApplicationScoped
public class Outbox {

    private final EventCodec codec;
    private final ServiceName service;

    public Outbox(EventCodec codec, MessagingConfig config) {
        this.codec = codec;
        this.service = ServiceName.fromId(config.service())
                .orElseThrow(() -> new IllegalArgumentException("openpsi.messaging.service is not a known service: " + config.service()));
    }

    /**
     * Appends {@code payload} as a {@code type} event, keyed by the entity whose order matters
     * ({@link EventType#key}). The payload is validated against its schema first: an invalid
     * event fails the caller's transaction instead of reaching a consumer.
     */
    public <P extends Record> Uni<Envelope> append(Mutiny.Session session, EventContext context, EventType<P> type,
            P payload) {
        return prepare(context, type, payload).chain(event -> session.persist(event).replaceWith(event.envelope));
    }

    /**
     * The same for state kept with the reactive SQL client: {@code connection} must be in the
     * transaction of the change ({@code Pool.withTransaction}), so both commit together.
     */
    public <P extends Record> Uni<Envelope> append(SqlClient connection, EventContext context, EventType<P> type,
            P payload) {
        return prepare(context, type, payload).chain(event -> connection.preparedQuery("""
                        insert into outbox_event (event_id, topic, event_key, ce_type, ce_source, ce_subject, ce_time,
                                                  account, traceparent, replay_id, replay_of, payload)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)""")
                // the payload as a core Buffer: what the pg client encodes as bytea
                .execute(Tuple.from(new Object[] {event.eventId, event.topic, event.eventKey, event.ceType,
                        event.ceSource, event.ceSubject, event.ceTime.atOffset(ZoneOffset.UTC), event.account,
                        event.traceparent, event.replayId, event.replayOf, Buffer.buffer(event.payload)}))
                .replaceWith(event.envelope));
    }

    private <P extends Record> Uni<OutboxEvent> prepare(EventContext context, EventType<P> type, P payload) {
        String payloadAccount = type.account(payload);
        if (!context.account().equals(payloadAccount)) {
            return Uni.createFrom().failure(new IllegalArgumentException(
                    "event account " + payloadAccount + " differs from the context account " + context.account()));
        }
        byte[] value;
        try {
            value = codec.encode(type, payload);
        } catch (RuntimeException invalid) {
            return Uni.createFrom().failure(invalid);
        }
        Envelope envelope = context.envelope(service, type, type.subject(payload));
        return Uni.createFrom().item(new OutboxEvent(envelope, type.topic().topicName(), type.key(payload), value));
    }
}
