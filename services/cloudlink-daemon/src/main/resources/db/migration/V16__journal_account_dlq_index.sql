-- "Dead letters of one account": with only the account index, an account without (or with few)
-- dead letters made the query walk all its rows (100,000 rows: 600 ms). A partial index holds
-- just the dead letters, by account and newest first, like the other filters' indexes.
create index journal_event_account_dlq_recent on journal_event (account, received_at desc, id desc) where dlq;
