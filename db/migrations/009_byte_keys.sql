-- 009_byte_keys: keys compared byte by byte, and one index fewer.
--
-- Kannel ids, phone numbers, ticket numbers and status names are ASCII
-- keys, looked up for equality and never sorted for a reader.  Under the
-- database's default collation (C.UTF-8, en_US.UTF-8, ...) every
-- comparison a B-tree makes on them calls strcoll(); with COLLATE "C" it is
-- a memcmp().  Each incoming message inserts into four such indexes and a
-- complaint into three more: the collation was a tenth of the server's
-- time for an incoming message (perf, bench/run).  The indexes are rebuilt;
-- the rows are not rewritten.
--
-- ticket_events (ticket_id) is the first column of the index migration 007
-- added on (ticket_id, created_at, id), which serves every lookup it did:
-- it only cost an index insert per ticket event.

DROP INDEX ticket_events_ticket_id_idx;

ALTER TABLE messages
    ALTER COLUMN kannel_id TYPE text COLLATE "C",
    ALTER COLUMN msisdn TYPE text COLLATE "C";
ALTER TABLE tickets
    ALTER COLUMN code TYPE char(7) COLLATE "C",
    ALTER COLUMN msisdn TYPE text COLLATE "C",
    ALTER COLUMN status TYPE text COLLATE "C";
ALTER TABLE citizens ALTER COLUMN msisdn TYPE text COLLATE "C";
ALTER TABLE pending_confirmations ALTER COLUMN msisdn TYPE text COLLATE "C";
ALTER TABLE ussd_sessions
    ALTER COLUMN id TYPE text COLLATE "C",
    ALTER COLUMN msisdn TYPE text COLLATE "C";
ALTER TABLE outbox ALTER COLUMN msisdn TYPE text COLLATE "C";
