-- What the test handlers change: one row per applied effect (no unique key on purpose, so a
-- doubled effect would show as a second row).
create table applied_effect (
    id          bigserial primary key,
    consumer    text not null,
    event_id    uuid not null,
    replay_id   uuid,
    account     text not null,
    dn          text not null,
    new_messages integer not null
);

-- A piece of state whose change is published through the outbox.
create table mailbox_counter (
    account      text not null,
    dn           text not null,
    new_messages integer not null,
    primary key (account, dn)
);
