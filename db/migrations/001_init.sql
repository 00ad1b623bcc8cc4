-- 001_init: the first schema of Aspirasi.
--
-- Applied by db_migrate() inside one transaction together with its row in
-- schema_migrations; no transaction statements here.

-- Settings the service reads at start.  ticket_key is the secret of the
-- ticket-code permutation (parsers/ticket.c): 62 random bits, written as a
-- decimal integer.  gen_random_uuid() draws from the server's strong random
-- source; md5 folds its 122 random bits into 64, of which 62 are kept.
CREATE TABLE settings (
    name text PRIMARY KEY,
    value text NOT NULL
);

INSERT INTO settings (name, value)
VALUES ('ticket_key',
        ((('x' || substr(md5(gen_random_uuid()::text), 1, 16))::bit(64)::bigint)
         & 4611686018427387903)::text);

-- Every MO as Kannel handed it, and the reply given.  kannel_id (Kannel's
-- %I) de-duplicates retries; raw keeps the bytes exactly as received.
CREATE TABLE messages (
    id bigserial PRIMARY KEY,
    kannel_id text NOT NULL UNIQUE,
    channel text NOT NULL DEFAULT 'sms',
    msisdn text NOT NULL,
    short_code text NOT NULL DEFAULT '',
    smsc text NOT NULL DEFAULT '',
    body text NOT NULL,
    raw bytea NOT NULL,
    coding smallint,
    charset text NOT NULL DEFAULT '',
    meta text NOT NULL DEFAULT '',
    sent_at timestamptz,
    received_at timestamptz NOT NULL DEFAULT now(),
    intent text NOT NULL,
    reply text NOT NULL,
    reply_coding smallint NOT NULL DEFAULT 0
);

CREATE INDEX messages_msisdn_received_at_idx ON messages (msisdn, received_at);

-- The numbers behind ticket codes; a code is a keyed permutation of one.
CREATE SEQUENCE ticket_seq;

CREATE TABLE tickets (
    id bigserial PRIMARY KEY,
    code char(7) NOT NULL UNIQUE,
    message_id bigint REFERENCES messages (id),
    msisdn text NOT NULL,
    body text NOT NULL,
    category text,
    komisi text,
    status text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX tickets_msisdn_idx ON tickets (msisdn);
CREATE INDEX tickets_status_created_at_idx ON tickets (status, created_at);

-- Each status a ticket went through, who set it and why.
CREATE TABLE ticket_events (
    id bigserial PRIMARY KEY,
    ticket_id bigint NOT NULL REFERENCES tickets (id),
    status text NOT NULL,
    note text NOT NULL DEFAULT '',
    actor text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX ticket_events_ticket_id_idx ON ticket_events (ticket_id);

-- Numbers that subscribed to announcements or opted out.
CREATE TABLE citizens (
    msisdn text PRIMARY KEY,
    language text,
    subscribed boolean NOT NULL DEFAULT false,
    subscribed_at timestamptz,
    opted_out_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);
