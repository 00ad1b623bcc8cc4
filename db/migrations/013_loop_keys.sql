-- 013_loop_keys: what the reply-loop check compares, written with each message.
--
-- For every SMS, the intake counts the earlier SMS of the same number within
-- limits.loop_window whose text, or whose reply, is the new text once
-- normalised (db_text_norm(): ASCII letters in lower case, runs of white
-- space one space, none at either end).  Normalising each stored text again
-- at every read cost PostgreSQL more than the rest of the read-ahead.  Now
-- aspirasid writes, with each message, a 64-bit hash of its text and of its
-- reply so normalised (db_text_key()), and the check compares those.  A row
-- without them (written before this migration, or by hand) is compared by
-- its text, as before.

ALTER TABLE messages ADD COLUMN body_key bigint, ADD COLUMN reply_key bigint;
