-- Accounts (DOMAIN.md "Actors and roles"): partners, and the customer accounts a partner creates.
-- Ids are compared byte-wise (collation "C") so keyset pagination orders them the same everywhere.
create table account (
    id                   text collate "C" primary key
                         constraint account_id_format check (id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    name                 text        not null
                         constraint account_name_length check (char_length(name) between 1 and 200 and btrim(name) <> ''),
    type                 text        not null
                         constraint account_type_known check (type in ('PARTNER', 'CUSTOMER')),
    -- the partner that created a customer account
    parent_id            text collate "C" references account (id),
    integrations_enabled boolean     not null default false,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    -- optimistic locking (JPA @Version)
    version              bigint      not null default 0,
    constraint account_partner_has_no_parent check (type <> 'PARTNER' or parent_id is null),
    -- integrations can NOT be enabled on a partner account
    constraint account_no_integrations_on_partner check (type <> 'PARTNER' or not integrations_enabled)
);

-- a partner lists its customers
create index account_parent_id on account (parent_id, id);
