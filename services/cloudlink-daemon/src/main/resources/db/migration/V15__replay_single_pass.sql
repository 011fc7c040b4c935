-- A replay reads its range once and sends what it selects as it goes: its progress is the share
-- of the range read. to_scan: records in the selection's time range; scanned: read so far.
alter table replay add column scanned bigint;
alter table replay add column to_scan bigint;
