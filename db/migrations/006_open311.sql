-- 006_open311: tickets filed through Open311 GeoReport v2
-- (gateway/open311.c; the mapping is in docs/open311.md).
--
-- A civic application files a service request for a citizen with a
-- category (the service code), a description, a place (a point or an
-- address in words) and, only if the citizen gave one, a phone number.
-- Tickets so far all came from a phone; they now say where they came from,
-- may have no phone number, and may have a place.

-- Where a ticket came from: 'sms' (an ADUAN message), 'ussd' (the menu) or
-- 'open311' (POST /open311/v2/requests.json).  Tickets written before this
-- migration came from their message's channel.
ALTER TABLE tickets ADD COLUMN source text NOT NULL DEFAULT 'sms'
    CHECK (source IN ('sms', 'ussd', 'open311'));

UPDATE tickets t SET source = m.channel
FROM messages m
WHERE m.id = t.message_id AND m.channel = 'ussd';

-- A ticket made from a stored message takes that message's channel as its
-- source, so db_ticket_insert() (SMS and USSD) needs no new argument and a
-- USSD ticket can never be labelled 'sms'.  A ticket without a message (an
-- Open311 request) keeps the source its INSERT names.
CREATE FUNCTION tickets_source_of_message() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.message_id IS NOT NULL THEN
        SELECT m.channel INTO STRICT NEW.source FROM messages m WHERE m.id = NEW.message_id;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER tickets_source BEFORE INSERT ON tickets
    FOR EACH ROW EXECUTE FUNCTION tickets_source_of_message();

-- The citizen's number, normalised (+62...).  Open311 requests need not
-- carry one (the spec makes "phone" optional): such a ticket gets no SMS
-- when its status changes, and its status is read through Open311 or given
-- by phone with its code.  Tickets of SMS and USSD always have a number.
ALTER TABLE tickets ALTER COLUMN msisdn DROP NOT NULL;
ALTER TABLE tickets ADD CONSTRAINT tickets_msisdn_source_check
    CHECK (msisdn IS NOT NULL OR source = 'open311');

-- Where the problem is, when the request said: a WGS84 point (both or
-- neither) and/or an address in the citizen's words.  Named as Open311
-- names them.
ALTER TABLE tickets
    ADD COLUMN lat double precision CHECK (lat BETWEEN -90 AND 90),
    ADD COLUMN long double precision CHECK (long BETWEEN -180 AND 180),
    ADD COLUMN address text CHECK (char_length(address) BETWEEN 1 AND 255),
    ADD CONSTRAINT tickets_point_check CHECK ((lat IS NULL) = (long IS NULL));

-- GET /open311/v2/requests.json lists the newest tickets of a span of
-- dates, whatever their status.
CREATE INDEX tickets_created_at_idx ON tickets (created_at);
