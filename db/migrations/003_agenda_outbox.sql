-- 003_agenda_outbox: the DPRD telling citizens things.  Agenda sessions and
-- information pages kept by staff, the log of what citizens ask for, their
-- proposals and questions for sessions, subscriptions per komisi, and the
-- outbox of every SMS that is not a direct reply, with broadcasts.

-- A session of the DPRD.  komisi is 1-4 (I-IV) or NULL for the whole
-- council; times are absolute, shown in the configured zone.  A cancelled
-- session keeps its row so that a citizen asking about it is told so.
CREATE TABLE agenda_sessions (
    id bigserial PRIMARY KEY,
    type text NOT NULL
        CHECK (type IN ('paripurna', 'komisi', 'rdp', 'reses', 'banmus', 'banggar', 'lain')),
    komisi smallint CHECK (komisi BETWEEN 1 AND 4),
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    starts_at timestamptz NOT NULL,
    ends_at timestamptz CHECK (ends_at IS NULL OR ends_at >= starts_at),
    place text NOT NULL DEFAULT '',
    public boolean NOT NULL DEFAULT true,
    summary text NOT NULL DEFAULT '',
    cancelled_at timestamptz,
    cancel_reason text NOT NULL DEFAULT '',
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_by text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX agenda_sessions_starts_at_idx ON agenda_sessions (starts_at);

-- A short fact sheet per topic ("anggaran"), at most one SMS.
CREATE TABLE info_pages (
    topic text PRIMARY KEY CHECK (topic ~ '^[a-z0-9]{1,20}$'),
    body text NOT NULL CHECK (length(body) BETWEEN 1 AND 160),
    updated_by text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Every agenda or info lookup: who asked, what, when (staff see what
-- citizens want to know).
CREATE TABLE info_requests (
    id bigserial PRIMARY KEY,
    msisdn text NOT NULL,
    channel text NOT NULL DEFAULT 'sms',
    kind text NOT NULL CHECK (kind IN ('agenda', 'info')),
    query text NOT NULL DEFAULT '',
    message_id bigint REFERENCES messages (id),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX info_requests_created_at_idx ON info_requests (created_at);

-- USUL / TANYA: a citizen's proposal or question, for a session when one
-- was named.
CREATE TABLE session_inputs (
    id bigserial PRIMARY KEY,
    session_id bigint REFERENCES agenda_sessions (id),
    msisdn text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('proposal', 'question')),
    body text NOT NULL,
    message_id bigint REFERENCES messages (id),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX session_inputs_session_id_idx ON session_inputs (session_id, created_at);

-- The komisi a subscriber follows; empty: every announcement.
ALTER TABLE citizens ADD COLUMN komisi smallint[] NOT NULL DEFAULT '{}';

-- A broadcast: one text to an audience of subscribers.  Created as a draft
-- (previewed), then started (its outbox rows written in one transaction),
-- possibly cancelled.
CREATE TABLE broadcasts (
    id bigserial PRIMARY KEY,
    body text NOT NULL,
    coding smallint NOT NULL CHECK (coding IN (0, 2)),
    segments integer NOT NULL CHECK (segments >= 1),
    audience text NOT NULL CHECK (audience ~ '^(all|komisi:[1-4])$'),
    session_id bigint REFERENCES agenda_sessions (id),
    state text NOT NULL DEFAULT 'draft'
        CHECK (state IN ('draft', 'running', 'cancelled')),
    recipients integer NOT NULL DEFAULT 0,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    started_at timestamptz,
    cancelled_at timestamptz
);

-- One row per SMS to send.  The sender claims rows (state 'sending', with
-- its instance and a lease) with FOR UPDATE SKIP LOCKED, and marks each one
-- 'accepted' as soon as Kannel's sendsms accepted it; delivery reports move
-- it on to 'delivered' or 'failed'.  A row left 'sending' by a crashed
-- sender is retried after its lease unless a delivery report showed that
-- Kannel had it.  priority 0 goes before 1 (notifications before bulk);
-- urgent rows ignore quiet hours.
CREATE TABLE outbox (
    id bigserial PRIMARY KEY,
    msisdn text NOT NULL,
    body text NOT NULL,
    coding smallint NOT NULL CHECK (coding IN (0, 2)),
    kind text NOT NULL CHECK (kind IN ('notification', 'receipt', 'broadcast')),
    priority smallint NOT NULL DEFAULT 0,
    urgent boolean NOT NULL DEFAULT false,
    broadcast_id bigint REFERENCES broadcasts (id),
    ticket_id bigint REFERENCES tickets (id),
    state text NOT NULL DEFAULT 'queued'
        CHECK (state IN ('queued', 'sending', 'accepted', 'delivered', 'failed',
                         'cancelled', 'opted_out')),
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    claimed_by text,
    lease_until timestamptz,
    last_error text NOT NULL DEFAULT '',
    dlr_type integer,
    created_at timestamptz NOT NULL DEFAULT now(),
    accepted_at timestamptz,
    done_at timestamptz,
    UNIQUE (broadcast_id, msisdn)
);

CREATE INDEX outbox_ready_idx ON outbox (priority, id) WHERE state IN ('queued', 'sending');
CREATE INDEX outbox_broadcast_idx ON outbox (broadcast_id, state);
