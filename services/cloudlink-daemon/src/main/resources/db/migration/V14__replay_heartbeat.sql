-- A running replay's sign of life: the daemon instance executing it (or holding it in line)
-- touches heartbeat_at every openpsi.replay.heartbeat-interval. A row still 'running' whose
-- heartbeat is older than openpsi.replay.abandoned-after has no live runner (its daemon stopped)
-- and is failed by ReplayRecovery. Rows from before this column: their started_at stands in.
alter table replay add column heartbeat_at timestamptz;

create index replay_running on replay (heartbeat_at) where status = 'running';
