package dev.openpsi.messaging;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import dev.openpsi.events.Envelope;

/** An event waiting in the outbox for the relay (table from db/messaging). */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false, unique = true)
    public UUID eventId;

    @Column(nullable = false)
    public String topic;

    @Column(name = "event_key", nullable = false)
    public String eventKey;

    @Column(name = "ce_type", nullable = false)
    public String ceType;

    @Column(name = "ce_source", nullable = false)
    public String ceSource;

    @Column(name = "ce_subject")
    public String ceSubject;

    @Column(name = "ce_time", nullable = false)
    public Instant ceTime;

    @Column(nullable = false)
    public String account;

    public String traceparent;

    @Column(name = "replay_id")
    public UUID replayId;

    @Column(name = "replay_of")
    public UUID replayOf;

    @Column(nullable = false)
    public byte[] payload;

    /** The envelope the row was made from (not persisted). */
    @Transient
    Envelope envelope;

    protected OutboxEvent() {
    }

    OutboxEvent(Envelope envelope, String topic, String key, byte[] payload) {
        this.eventId = envelope.id();
        this.topic = topic;
        this.eventKey = key;
        this.ceType = envelope.type();
        this.ceSource = envelope.source();
        this.ceSubject = envelope.subject();
        this.ceTime = envelope.time();
        this.account = envelope.account();
        this.traceparent = envelope.traceparent();
        this.replayId = envelope.replayId();
        this.replayOf = envelope.replayOf();
        this.payload = payload;
        this.envelope = envelope;
    }
}
