-- 008_ticket_source: aspirasid names the source of the tickets it writes.
--
-- Migration 006 copied the channel of a ticket's message into
-- tickets.source with a trigger on every new ticket: a PL/pgSQL call and a
-- lookup of the message, about a third of the server's time for the ticket
-- insert (measured with EXPLAIN ANALYZE on 20,000 tickets).  The intake now
-- writes the ticket with its message in one statement and names the source
-- itself (db/messages.c), so the trigger only fills a source an INSERT left
-- out: the column loses its default, so that "left out" is NULL when the
-- trigger looks, and the trigger's WHEN clause, evaluated without calling
-- the function, skips every INSERT that named one.  An INSERT with a
-- message and no source still gets the message's channel; one with neither
-- a message nor a source is refused (source is NOT NULL) instead of being
-- labelled 'sms'.

ALTER TABLE tickets ALTER COLUMN source DROP DEFAULT;

DROP TRIGGER tickets_source ON tickets;
CREATE TRIGGER tickets_source BEFORE INSERT ON tickets
    FOR EACH ROW WHEN (NEW.source IS NULL) EXECUTE FUNCTION tickets_source_of_message();
