-- 014_content_version: a counter that every change of the agenda or of the
-- information pages moves on.
--
-- The intake reads the counter with every batch (db_messages_ahead()) and
-- keeps the sessions and pages it looked up from one batch to the next
-- while the counter stays the same (and for a second at most, as "the
-- next sessions" depend on the time): an AGENDA or INFO then costs no
-- statement of its own.  A statement that changes either table, whoever
-- runs it, moves the counter in its own transaction.

CREATE TABLE content_version (
    id boolean PRIMARY KEY DEFAULT true CHECK (id),
    n bigint NOT NULL
);
INSERT INTO content_version (n) VALUES (0);

CREATE FUNCTION content_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE content_version SET n = n + 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER agenda_sessions_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON agenda_sessions FOR EACH STATEMENT EXECUTE FUNCTION content_version_bump();
CREATE TRIGGER info_pages_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON info_pages FOR EACH STATEMENT EXECUTE FUNCTION content_version_bump();
