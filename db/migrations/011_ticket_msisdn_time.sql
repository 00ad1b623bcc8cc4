-- 011_ticket_msisdn_time: a number's tickets by time.
--
-- The intake counts the tickets a number opened in the last hour for every
-- batch (limits.tickets_per_hour).  With an index on msisdn alone that
-- count read every ticket the number ever opened; on (msisdn, created_at)
-- it reads the last hour's.  It serves every lookup by number alone as the
-- old one did, so it replaces it: still one index to keep per ticket.

CREATE INDEX tickets_msisdn_created_at_idx ON tickets (msisdn, created_at);
DROP INDEX tickets_msisdn_idx;
