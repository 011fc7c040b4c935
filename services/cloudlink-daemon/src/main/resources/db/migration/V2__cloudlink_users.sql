-- The CloudLink user database and the licence database of each account (DOMAIN.md "Identity":
-- the email is the cross-system identifier). Filled from provisioning events: the PBX side is
-- the source of truth.
create table cloudlink_user (
    id          uuid        primary key,
    account     text collate "C" not null references account (id),
    email       text collate "C" not null,
    first_name  text        not null,
    last_name   text        not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    constraint cloudlink_user_email_per_account unique (account, email)
);

create table license_assignment (
    id          uuid        primary key,
    user_id     uuid        not null references cloudlink_user (id) on delete cascade,
    license     text        not null,
    assigned_at timestamptz not null,
    constraint license_assignment_once unique (user_id, license)
);
