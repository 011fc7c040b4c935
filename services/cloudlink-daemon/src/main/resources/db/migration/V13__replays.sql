-- Replays, dead-letter redrives and consumer-group offset resets (dev.openpsi.cloudlinkdaemon.replay).
-- One row per request, also dry runs and refusals: the row is the audit record (who, when,
-- selection, target, outcome) and, for an executed replay, its progress and result.
create table replay (
    id             uuid primary key,
    -- replay | offset-reset
    kind           text        not null,
    requested_by   text        not null,
    -- the caller's account claim; null for an operator without one
    caller_account text,
    requested_at   timestamptz not null default now(),
    -- the selection's account (null: every account); scopes who may list the row
    account        text collate "C",
    -- the request as validated (selection, target, dryRun, redrive, sample, ratePerSecond / to)
    request        jsonb       not null,
    target         text,
    dry_run        boolean     not null,
    redrive        boolean     not null default false,
    -- dry-run | refused | running | completed | failed
    status         text        not null,
    -- the problem's status code of a refusal (400, 403, 404, 409)
    refused_with   integer,
    selected       bigint,
    sent           bigint      not null default 0,
    started_at     timestamptz,
    finished_at    timestamptz,
    error          text
);

create index replay_recent on replay (requested_at desc, id);
create index replay_account_recent on replay (account, requested_at desc, id);
