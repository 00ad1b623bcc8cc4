-- A citizen's chosen reply language ("id", "jv", "en"; NULL: not chosen, the
-- language of each message decides), and questions waiting for a "1".

ALTER TABLE citizens ADD COLUMN language_set_at timestamptz;
ALTER TABLE citizens ADD CONSTRAINT citizens_language_check
    CHECK (language IS NULL OR language IN ('id', 'jv', 'en'));

-- One open question per phone: "Maksud Anda ADUAN? Balas 1 jika ya".  The row
-- remembers what to do when the answer comes: the intent and the text of the
-- message that was unclear.
CREATE TABLE pending_confirmations (
    msisdn text PRIMARY KEY,
    intent text NOT NULL,
    message_id bigint NOT NULL REFERENCES messages (id),
    body text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
