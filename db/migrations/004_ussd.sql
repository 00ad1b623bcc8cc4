-- 004_ussd: USSD sessions.  One row per session of a transport (the
-- aggregator's sessionId, or the SMSC's its_session_info with the number),
-- holding where the citizen is in the menu (menus/menu.h's encoded state),
-- how many inputs were taken (a retried request gets the same screen), the
-- screen shown last, whether it ended with a final screen, and whether it
-- was left in the middle of something (a menu or an input, not home and not
-- the answer to a question): such a session, when the same number dials
-- again soon, was dropped by the network and is offered to continue.

CREATE TABLE ussd_sessions (
    id text PRIMARY KEY,
    msisdn text NOT NULL,
    transport text NOT NULL CHECK (transport IN ('http', 'smpp')),
    state text NOT NULL,
    steps integer NOT NULL DEFAULT 0,
    screen text NOT NULL DEFAULT '',
    ended boolean NOT NULL DEFAULT false,
    resumable boolean NOT NULL DEFAULT false,
    resume_from text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX ussd_sessions_msisdn_idx ON ussd_sessions (msisdn, updated_at);

-- Where a ticket came from, and its category when the citizen chose one.
ALTER TABLE messages DROP CONSTRAINT IF EXISTS messages_channel_check;
ALTER TABLE messages ADD CONSTRAINT messages_channel_check CHECK (channel IN ('sms', 'ussd'));
