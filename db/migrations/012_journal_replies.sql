-- 012_journal_replies: the answers to SMS replayed from aspirasid's journal.
--
-- An SMS kept in the local journal while PostgreSQL was away was answered
-- "received, the answer follows by SMS" (gateway/journal.h).  When it is
-- replayed, its stored reply is queued in the outbox as a 'reply', naming
-- the message it answers: at most one per message, however often a replay
-- is repeated after a crash.

ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check
    CHECK (kind IN ('notification', 'receipt', 'broadcast', 'reply'));
ALTER TABLE outbox ADD COLUMN message_id bigint UNIQUE;
