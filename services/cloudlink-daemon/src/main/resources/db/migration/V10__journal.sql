-- The event journal (ARCHITECTURE.md "Troubleshooting: journal and replay"; DOMAIN.md "Event
-- History"): every record of every topic of the catalogue (streams, DLQs, replay topics) as it
-- was on Kafka, also the ones that do not parse. One row per Kafka position: a redelivered record
-- hits the unique position and is dropped (insert ... on conflict do nothing).
create table journal_event (
    id                     bigint generated always as identity primary key,
    -- ce_id; null when the record has none or not a UUID
    event_id               uuid,
    topic                  text collate "C" not null,
    kafka_partition        integer     not null,
    kafka_offset           bigint      not null,
    event_key              text,
    -- openpsi_account header, as sent (even when the rest of the envelope is broken)
    account                text collate "C",
    -- ce_subject: email, DN, mailbox or component
    subject                text,
    ce_type                text,
    -- the Event segment of ce_type, e.g. ZoomUserUpdated
    event_name             text,
    -- <stream>.<entity>: ce_type's event name without its trailing verb (ZoomUserLinked and
    -- ZoomUserUpdated are both provisioning.ZoomUser); "properties changed" compares within it
    type_family            text,
    ce_source              text,
    -- <service> of ce_source /openpsi/<service>
    source_service         text,
    ce_time                timestamptz,
    received_at            timestamptz not null default now(),
    dlq                    boolean     not null default false,
    dlq_reason             text,
    dlq_detail             text,
    dlq_original_topic     text,
    dlq_original_partition integer,
    dlq_original_offset    bigint,
    dlq_consumer           text,
    replay_id              uuid,
    replay_of              uuid,
    traceparent            text,
    -- the value when it parses as JSON (members whose name looks secret masked) ...
    payload                jsonb,
    -- ... else the raw text, credentials scrubbed
    payload_text           text,
    -- every header, last value per name, secrets masked
    headers                jsonb       not null default '{}'::jsonb,
    -- why Envelope.fromHeaders refused the headers; null for a well-formed envelope
    envelope_error         text,
    constraint journal_event_position unique (topic, kafka_partition, kafka_offset)
);

-- keyset pages: newest first
create index journal_event_recent on journal_event (received_at desc, id desc);
create index journal_event_account_recent on journal_event (account, received_at desc, id desc);
create index journal_event_subject_recent on journal_event (subject, received_at desc, id desc);
create index journal_event_dlq_recent on journal_event (received_at desc, id desc) where dlq;
create index journal_event_event_id on journal_event (event_id);
-- the previous payload of an entity ("properties changed")
create index journal_event_family on journal_event (account, subject, type_family, received_at desc, id desc);
