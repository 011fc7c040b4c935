-- zoom-sync: the Zoom tenant connection, the shared rate limiter, the mirror, PSI user status,
-- sync runs and the provisioning job queue.

-- One Zoom connection per account. Client secret and tokens are sealed with SecretCipher
-- (context zoom-sync/<account>/<what>), never stored or returned in clear.
create table zoom_connection (
    account               text primary key,
    client_id             text not null,
    client_secret_sealed  text not null,
    zoom_account_id       text,
    grant_type            text not null check (grant_type in ('account_credentials', 'authorization_code')),
    redirect_uri          text,
    access_token_sealed   text,
    access_issued_at      timestamptz,
    access_expires_at     timestamptz,
    refresh_token_sealed  text,
    oauth_status          text not null check (oauth_status in ('Authorized', 'Failed', 'Pending')),
    oauth_error           text,
    integration_status    text not null check (integration_status in ('Connected', 'Error', 'Pending')),
    sync_status           text check (sync_status in ('Successful', 'Failed')),
    sync_error            text,
    last_successful_sync  timestamptz,
    generation            bigint not null default 1,
    updated_at            timestamptz not null default now()
);

-- Shared per-second rate limiter (client/ZoomRateLimiter): the next free send slot of one
-- (account, category), advanced atomically by every replica.
create table zoom_rate_slot (
    account   text not null,
    category  text not null,
    next_slot timestamptz not null,
    primary key (account, category)
);

-- The mirror of Zoom users and SIP phones (exact names and columns: the comparison report joins them).
create table if not exists zoom_user (
    account      text not null,
    zoom_user_id text,
    email        text collate "C" not null,
    first_name   text,
    last_name    text,
    status       text not null,
    synced_at    timestamptz,
    primary key (account, email)
);
create table if not exists zoom_sip_phone (
    account      text not null,
    phone_id     text not null,
    user_email   text collate "C" not null,
    phone_number text,
    kind         text not null,
    synced_at    timestamptz,
    primary key (account, phone_id)
);

create table sync_run (
    id              uuid primary key,
    account         text not null,
    mode            text not null check (mode in ('full', 'incremental')),
    status          text not null check (status in ('queued', 'running', 'succeeded', 'failed')),
    phase           text,
    users_synced    integer not null default 0,
    phones_synced   integer not null default 0,
    users_removed   integer not null default 0,
    phones_removed  integer not null default 0,
    pages           integer not null default 0,
    error           text,
    requested_at    timestamptz not null,
    started_at      timestamptz,
    finished_at     timestamptz
);
create index sync_run_by_account on sync_run (account, requested_at desc);

-- SBC Zoom configurations as sbc-adapter publishes them (openpsi.registration.v1).
create table sbc_configuration (
    account   text not null,
    id        text not null,
    name      text,
    host      text not null,
    port      integer not null,
    protocol  text not null,
    primary key (account, id)
);

-- PSI status of each linked user. The SIP password arrives through
-- PUT /api/v1/zoom/users/{email}/sip-credentials (never in an event) and is stored sealed.
create table psi_user (
    account                   text not null,
    email                     text collate "C" not null,
    first_name                text,
    last_name                 text,
    dn                        text,
    sbc_configuration_id      text,
    voicemail_callback_number text,
    linked                    boolean not null default false,
    status                    text not null check (status in ('Pending SIP credential', 'Idle', 'Failed')),
    failure_reason            text,
    failure_detail            text,
    zoom_user_id              text,
    desktop_phone_id          text,
    mobile_phone_id           text,
    sip_password_sealed       text,
    sip_authorization_name    text,
    sip_domain                text,
    updated_at                timestamptz not null default now(),
    primary key (account, email)
);

-- Work for the provisioning worker, written in the consumer's transaction and drained outside it.
create table provisioning_job (
    id               bigserial primary key,
    account          text not null,
    email            text collate "C" not null,
    action           text not null check (action in ('provision', 'remove')),
    desktop_phone_id text,
    mobile_phone_id  text,
    attempts         integer not null default 0,
    next_attempt_at  timestamptz not null default now(),
    locked_until     timestamptz,
    last_error       text,
    traceparent      text,
    created_at       timestamptz not null default now()
);
create index provisioning_job_due on provisioning_job (next_attempt_at, id);
