-- SBC "Zoom configurations" (DOMAIN.md "SBC side") as sbc-adapter publishes them on
-- openpsi.registration.v1 (SbcConfigurationChanged). This service keeps a local copy so a Zoom
-- user can only be linked to a configuration that exists; it never edits them itself.
-- Ids compare byte-wise (collation "C") so keyset pagination orders them the same everywhere.
create table sbc_configuration (
    account    text collate "C" not null,
    -- the configuration id of sbc-adapter
    id         text collate "C" not null
               constraint sbc_configuration_id_format check (char_length(id) between 1 and 128 and id !~ '\s'),
    name       text        not null
               constraint sbc_configuration_name_length check (char_length(name) between 1 and 64),
    -- IP address or FQDN of the SBC access interface
    host       text        not null,
    port       integer     not null
               constraint sbc_configuration_port_range check (port between 1 and 65535),
    protocol   text        not null
               constraint sbc_configuration_protocol_known check (protocol in ('TLS', 'TCP', 'UDP')),
    -- a deleted configuration keeps its last state; new Zoom users cannot use it
    deleted    boolean     not null default false,
    -- ce_time of the event this state comes from: an older event (a late replay) never overwrites a newer state
    changed_at timestamptz not null,
    updated_at timestamptz not null default now(),
    primary key (account, id)
);
