-- CloudLink connectors (DOMAIN.md "CloudLink connector"): the one-time link tokens an account
-- admin creates for an on-premise component, and the components linked with them.
-- Tokens and connector credentials are high-entropy random strings: only their SHA-256 is stored.

create table connector_link_token (
    id             uuid primary key,
    account        text collate "C" not null references account (id) on delete cascade,
    token_hash     text        not null unique,
    component_type text        not null
                   constraint link_token_type_known check (component_type in ('CMP', 'OSV_NODE', 'SBC', 'VOICEMAIL')),
    component_name text        not null
                   constraint link_token_name_length check (char_length(component_name) between 1 and 200),
    created_by     text,
    created_at     timestamptz not null,
    expires_at     timestamptz not null,
    -- set once by the exchange that used it; a refused exchange (clock offset, clone) leaves it usable
    used_at        timestamptz
);

create index connector_link_token_account on connector_link_token (account, created_at);

create table connector_component (
    id                 uuid primary key,
    account            text collate "C" not null references account (id) on delete cascade,
    type               text        not null
                       constraint component_type_known check (type in ('CMP', 'OSV_NODE', 'SBC', 'VOICEMAIL')),
    name               text collate "C" not null,
    -- the stable component identity (hardware fingerprint) the connector presented when linking
    identity           text        not null,
    host               text        not null,
    instance_id        text        not null,
    credential_hash    text        not null,
    -- the state of ComponentStatusRules: connected, container activated, degraded until the container is re-enabled
    connected          boolean     not null,
    activated          boolean     not null,
    reenable_needed    boolean     not null default false,
    status_detail      text,
    -- [{"name":"osv-a","connected":true}, ...] as the last heartbeat reported them
    nodes              text        not null default '[]',
    linked_at          timestamptz not null,
    last_heartbeat_at  timestamptz,
    last_inventory_at  timestamptz,
    inventory          jsonb,
    -- the last refused duplicate of this identity (a cloned server): shown in the status detail
    clone_host         text,
    clone_instance_id  text,
    clone_detected_at  timestamptz,
    -- optimistic locking (JPA @Version): heartbeats and the timeout check race
    version            bigint      not null default 0
);

-- one linked component per identity: a second daemon with the same identity is a clone. An
-- explicit unlink deletes the row, which frees the identity for a new link.
create unique index connector_component_identity on connector_component (identity);
-- the admin console's list: keyset pages ordered by (name, id)
create index connector_component_account_name on connector_component (account, name, id);
-- the heartbeat timeout check
create index connector_component_heartbeat on connector_component (last_heartbeat_at) where connected;
