-- Delivery tables every service carries in its own schema (shipped by libs/messaging).

-- Events written in the same transaction as the state change they describe; the relay
-- publishes them in id order (per key order follows) and deletes them once Kafka acknowledged.
create table outbox_event (
    id            bigserial primary key,
    event_id      uuid        not null unique,
    topic         text        not null,
    event_key     text        not null,
    ce_type       text        not null,
    ce_source     text        not null,
    ce_subject    text,
    ce_time       timestamptz not null,
    account       text        not null,
    traceparent   text,
    replay_id     uuid,
    replay_of     uuid,
    payload       bytea       not null,
    created_at    timestamptz not null default now()
);

-- One row per (consumer, event, replay): written in the handler's transaction, so a redelivered
-- event has no second effect while a deliberate replay (new replay id) applies again.
create table processed_event (
    consumer      text        not null,
    event_id      uuid        not null,
    replay_key    uuid        not null,
    ce_type       text        not null,
    topic         text        not null,
    kafka_partition integer   not null,
    kafka_offset  bigint      not null,
    processed_at  timestamptz not null default now(),
    primary key (consumer, event_id, replay_key)
);

create index processed_event_processed_at on processed_event (processed_at);
