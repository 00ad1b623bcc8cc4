-- 007_ticket_komisi: the komisi a ticket is assigned to becomes a number
-- 1-4 (I-IV), as in agenda_sessions and citizens.  It was free text and
-- nothing wrote it before staff could assign it; any value written by hand
-- as "1".."4" or "I".."IV" is kept, anything else is cleared.
ALTER TABLE tickets ALTER COLUMN komisi TYPE smallint USING (
    CASE upper(btrim(komisi))
        WHEN '1' THEN 1 WHEN 'I' THEN 1
        WHEN '2' THEN 2 WHEN 'II' THEN 2
        WHEN '3' THEN 3 WHEN 'III' THEN 3
        WHEN '4' THEN 4 WHEN 'IV' THEN 4
    END);
ALTER TABLE tickets ADD CONSTRAINT tickets_komisi_check CHECK (komisi BETWEEN 1 AND 4);

-- The filters of the staff API's ticket list (created_at has its index since 006).
CREATE INDEX tickets_komisi_idx ON tickets (komisi) WHERE komisi IS NOT NULL;
CREATE INDEX ticket_events_ticket_created_idx ON ticket_events (ticket_id, created_at, id);

-- The USSD sessions of the last day, counted at every /metrics scrape.
CREATE INDEX ussd_sessions_updated_at_idx ON ussd_sessions (updated_at);
