-- SBC "Zoom configurations" (DOMAIN.md "SBC side"): the SBC access interface (public, or the DMZ
-- firewall) Zoom clients register to. One account's names are unique whatever their case.
create table sbc_configuration (
    id          uuid        primary key,
    account     text        not null,
    -- 64 characters: what the SbcConfigurationChanged.v1 contract (libs/events) carries
    name        text        not null
                constraint sbc_configuration_name_length check (char_length(name) between 1 and 64 and btrim(name) <> ''),
    -- an IPv4 address, an IPv6 address or an FQDN; the syntax is checked by the API (SbcHost)
    host        text        not null
                constraint sbc_configuration_host_length check (char_length(host) between 1 and 253),
    -- the SIP port of the access interface (SIP over TLS: 5061 by default, a custom port hardens)
    port        integer     not null
                constraint sbc_configuration_port_range check (port between 1 and 65535),
    protocol    text        not null
                constraint sbc_configuration_protocol_known check (protocol in ('TLS', 'TCP', 'UDP')),
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    -- optimistic locking (JPA @Version)
    version     bigint      not null default 0
);

-- unique (account, lower(name)); also the order of an account's listing (keyset pages by lower(name))
create unique index sbc_configuration_account_name on sbc_configuration (account, lower(name));
