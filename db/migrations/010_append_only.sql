-- 010_append_only: messages and tickets are never deleted, and the rows
-- the intake writes beside them no longer check their parent one by one.
--
-- A complaint's ticket and the ticket's first event, and an agenda or info
-- lookup, are written in the same statement as their message (the
-- intake's batch insert, db/messages.c), from the ids that statement has
-- just returned; a status change writes its event from the ticket row it
-- has just updated.  The foreign keys checked each such row again with a
-- query of its own (and a row lock on the parent): a fifth of that
-- statement's time for a batch of 17 messages (EXPLAIN ANALYZE, bench/run).
-- What they still guarded against is a parent deleted under its children,
-- and messages and tickets are never deleted (old texts are blanked, the
-- rows stay): that is now refused outright, for any client.

ALTER TABLE tickets DROP CONSTRAINT tickets_message_id_fkey;
ALTER TABLE ticket_events DROP CONSTRAINT ticket_events_ticket_id_fkey;
ALTER TABLE info_requests DROP CONSTRAINT info_requests_message_id_fkey;

CREATE FUNCTION refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'rows of % are never deleted', TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END
$$;

CREATE TRIGGER messages_append_only BEFORE DELETE OR TRUNCATE ON messages
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_delete();
CREATE TRIGGER tickets_append_only BEFORE DELETE OR TRUNCATE ON tickets
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_delete();
