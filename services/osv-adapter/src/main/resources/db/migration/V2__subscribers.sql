-- OpenScape Voice subscribers (DOMAIN.md "PBX side"): a directory number in E.164, its Zoom
-- attributes, SIP digest credentials (password sealed with SecretCipher, never in clear) and the
-- features a Zoom client uses: Do Not Disturb and call forwarding per type with its
-- "Allow Endpoint Control" flag. DNs compare byte-wise (collation "C") for keyset pagination.
create table subscriber (
    account                      text collate "C" not null,
    dn                           text collate "C" not null
                                 constraint subscriber_dn_e164 check (dn ~ '^\+[1-9][0-9]{6,14}$'),
    zoom_user                    boolean     not null default false,
    registration_via_central_sbc boolean     not null default false,
    sip_realm                    text
                                 constraint subscriber_sip_realm_length check (char_length(sip_realm) between 1 and 128),
    sip_user_name                text
                                 constraint subscriber_sip_user_name_length check (char_length(sip_user_name) between 1 and 128),
    -- SecretCipher.seal(password, 'osv-adapter/subscriber/<account>/<dn>/sip-password')
    sip_password_sealed          text
                                 constraint subscriber_sip_password_sealed check (sip_password_sealed like 'v1.%'),
    do_not_disturb               boolean     not null default false,
    cf_unconditional_enabled     boolean     not null default false,
    cf_unconditional_destination text
                                 constraint subscriber_cf_unconditional_e164 check (cf_unconditional_destination ~ '^\+[1-9][0-9]{6,14}$'),
    cf_unconditional_endpoint_control boolean not null default false,
    cf_busy_enabled              boolean     not null default false,
    cf_busy_destination          text
                                 constraint subscriber_cf_busy_e164 check (cf_busy_destination ~ '^\+[1-9][0-9]{6,14}$'),
    cf_busy_endpoint_control     boolean     not null default false,
    cf_no_reply_enabled          boolean     not null default false,
    cf_no_reply_destination      text
                                 constraint subscriber_cf_no_reply_e164 check (cf_no_reply_destination ~ '^\+[1-9][0-9]{6,14}$'),
    cf_no_reply_endpoint_control boolean     not null default false,
    -- forwarding to voicemail needs no destination (the voicemail pilot number); turning it on enables MWI
    cf_voicemail_enabled         boolean     not null default false,
    cf_voicemail_destination     text
                                 constraint subscriber_cf_voicemail_e164 check (cf_voicemail_destination ~ '^\+[1-9][0-9]{6,14}$'),
    cf_voicemail_endpoint_control boolean    not null default false,
    cf_internal_enabled          boolean     not null default false,
    cf_internal_destination      text
                                 constraint subscriber_cf_internal_e164 check (cf_internal_destination ~ '^\+[1-9][0-9]{6,14}$'),
    cf_internal_endpoint_control boolean     not null default false,
    cf_external_enabled          boolean     not null default false,
    cf_external_destination      text
                                 constraint subscriber_cf_external_e164 check (cf_external_destination ~ '^\+[1-9][0-9]{6,14}$'),
    cf_external_endpoint_control boolean     not null default false,
    created_at                   timestamptz not null default now(),
    updated_at                   timestamptz not null default now(),
    -- optimistic locking (JPA @Version)
    version                      bigint      not null default 0,
    primary key (account, dn),
    -- credentials are complete or absent
    constraint subscriber_sip_credentials_complete check (
        (sip_realm is null) = (sip_user_name is null) and (sip_realm is null) = (sip_password_sealed is null)),
    -- an enabled forwarding other than to voicemail has a destination
    constraint subscriber_cf_destinations check (
        (not cf_unconditional_enabled or cf_unconditional_destination is not null)
        and (not cf_busy_enabled or cf_busy_destination is not null)
        and (not cf_no_reply_enabled or cf_no_reply_destination is not null)
        and (not cf_internal_enabled or cf_internal_destination is not null)
        and (not cf_external_enabled or cf_external_destination is not null)),
    -- target of zoom_user's foreign key: a linked subscriber keeps its zoomUser flag
    constraint subscriber_zoom_flag unique (account, dn, zoom_user)
);
