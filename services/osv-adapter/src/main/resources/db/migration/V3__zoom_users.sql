-- Zoom users as the PBX manager sees them ("Zoom > Users", DOMAIN.md "PBX side" and "Identity"):
-- the email is the immutable cross-system identifier, unique within an account; each user is
-- linked to one Zoom-flagged subscriber and to one SBC configuration.
create table zoom_user (
    account                   text collate "C" not null,
    email                     text collate "C" not null
                              constraint zoom_user_email_format check (
                                  char_length(email) <= 254 and email ~ '^[^@\sA-Z]+@[^@\sA-Z]+\.[^@\sA-Z]+$'),
    first_name                text        not null
                              constraint zoom_user_first_name_length check (
                                  char_length(first_name) between 1 and 64 and btrim(first_name) <> ''),
    last_name                 text        not null
                              constraint zoom_user_last_name_length check (
                                  char_length(last_name) between 1 and 64 and btrim(last_name) <> ''),
    dn                        text collate "C" not null,
    -- always true: with the foreign key below, the linked subscriber must carry the zoomUser flag
    -- and can neither lose it nor be deleted while linked
    subscriber_zoom_user      boolean     not null default true
                              constraint zoom_user_subscriber_flagged check (subscriber_zoom_user),
    sbc_configuration_id      text collate "C" not null,
    voicemail_callback_number text
                              constraint zoom_user_voicemail_callback_e164 check (voicemail_callback_number ~ '^\+[1-9][0-9]{6,14}$'),
    created_at                timestamptz not null default now(),
    updated_at                timestamptz not null default now(),
    -- optimistic locking (JPA @Version)
    version                   bigint      not null default 0,
    primary key (account, email),
    -- one Zoom user per number
    constraint zoom_user_dn_unique unique (account, dn),
    constraint zoom_user_subscriber_fk foreign key (account, dn, subscriber_zoom_user)
        references subscriber (account, dn, zoom_user),
    constraint zoom_user_sbc_configuration_fk foreign key (account, sbc_configuration_id)
        references sbc_configuration (account, id)
);

-- users of one SBC configuration (and the foreign key's referencing side)
create index zoom_user_sbc_configuration on zoom_user (account, sbc_configuration_id);
