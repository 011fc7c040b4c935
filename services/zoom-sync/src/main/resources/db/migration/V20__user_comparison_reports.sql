-- The User Comparison Report (DOMAIN.md "Integration status and troubleshooting"): four sources
-- joined by email - the CloudLink user DB and licence DB (copied here from cloudlink-daemon's
-- events) and the Zoom user and phone lists (this service's mirror).

-- The mirror tables belong to the sync; created here too so the report's schema stands on its own.
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
create index if not exists zoom_sip_phone_by_user on zoom_sip_phone (account, user_email, kind, phone_id);

create table cl_user (
    account    text not null,
    email      text collate "C" not null,
    cl_user_id text not null,
    first_name text not null,
    last_name  text not null,
    primary key (account, email)
);

create table cl_license (
    account text not null,
    email   text collate "C" not null,
    license text not null,
    primary key (account, email, license)
);

create table comparison_report (
    id           uuid primary key,
    account      text not null,
    status       text not null check (status in ('pending', 'running', 'ready', 'failed')),
    requested_by text,
    created_at   timestamptz not null,
    started_at   timestamptz,
    finished_at  timestamptz,
    rows         integer,
    rows_with_issues integer,
    error        text
);
create index comparison_report_by_account on comparison_report (account, created_at desc);

-- The CSV in order, in chunks: generation and download stream through it, so memory does not
-- grow with the number of users, and any replica can serve the download.
create table comparison_report_chunk (
    report_id uuid    not null references comparison_report (id) on delete cascade,
    seq       integer not null,
    data      bytea   not null,
    primary key (report_id, seq)
);
