package dev.openpsi.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.openpsi.events.Envelope;
import dev.openpsi.events.EventCodec;
import dev.openpsi.events.EventType;
import dev.openpsi.events.ServiceName;
import io.smallrye.mutiny.Uni;

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
        return session.persist(new OutboxEvent(envelope, type.topic().topicName(), type.key(payload), value))
                .replaceWith(envelope);
    }
}
