-- 005_staff: staff accounts of the JSON API, their tokens, and the record
-- of every change made through it.

-- One account per person.  role: viewer (reads, numbers masked), staff
-- (also changes tickets, agenda, info and broadcasts), admin (also manages
-- accounts and sees full numbers).  The token is shown once when issued and
-- only its SHA-256 is kept; token_prefix (its first 8 hex digits after
-- "asp_") finds the row, and the hash is then compared in constant time.
-- A revoked account keeps its row, so the audit log still names it.
CREATE TABLE staff (
    id bigserial PRIMARY KEY,
    name text NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,31}$'),
    role text NOT NULL CHECK (role IN ('viewer', 'staff', 'admin')),
    token_prefix text NOT NULL UNIQUE CHECK (token_prefix ~ '^[0-9a-f]{8}$'),
    token_hash bytea NOT NULL CHECK (length(token_hash) = 32),
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    token_at timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at timestamptz
);

-- Every change: who (an "api:NAME" or "ctl:USER" actor), when, what (the
-- method and path, or the aspirasictl command), the answer's status, and
-- what identifies the objects changed.  Never phone numbers or tokens.
CREATE TABLE audit_log (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    actor text NOT NULL,
    method text NOT NULL,
    path text NOT NULL,
    status smallint NOT NULL,
    detail jsonb NOT NULL DEFAULT '{}'
);

CREATE INDEX audit_log_at_idx ON audit_log (at);
