-- bench/pgbench_mo.sql: the reference of bench/run (bench/README.md).
--
-- One incoming SMS written the plain way: one transaction, and so one
-- commit (one WAL flush with synchronous_commit on), per message.  Each
-- transaction runs the statements aspirasid runs for the same message
-- (gateway/intake.c with db/citizens.c, db/messages.c, db/tickets.c,
-- db/agenda.c and db/info.c), on the schema of db/migrations:
--
--   every message   the reply language of the sender (citizens), then the
--                   message row with its reply (messages)
--   complaint       a ticket number (nextval), and the ticket with its first
--                   event in one statement (tickets, ticket_events)
--   status          the ticket asked about
--   agenda          the coming sessions, and the lookup logged (info_requests)
--   info            the page, and the lookup logged (info_requests)
--   other           nothing more (help, greetings ...)
--
-- Only the grouping of commits differs: aspirasid commits up to db.batch_max
-- messages together.  The mix is bench/loadgen's (-W): bench/run passes the
-- same weights as wc, ws, wa, wi and wo, and the number of distinct senders
-- as numbers.  The texts are one typical message per class.  The ticket
-- code here is the sequence value itself (aspirasid permutes it, which
-- changes nothing in the database's work); this runs in a database of its
-- own, so the codes never meet aspirasid's.
--
-- Run with: pgbench -n -M prepared -f bench/pgbench_mo.sql -D wc=60 -D ws=20
--           -D wa=10 -D wi=5 -D wo=5 -D numbers=100000 -c N -T SECONDS

\set r random(1, :wc + :ws + :wa + :wi + :wo)
\set k random(0, :numbers - 1)
BEGIN;
SELECT language FROM citizens WHERE msisdn = '+62812' || lpad(CAST(:k AS text), 8, '0') AND language IS NOT NULL;
\if :r <= :wc
SELECT nextval('ticket_seq') AS seq \gset
INSERT INTO messages (kannel_id, channel, msisdn, short_code, smsc, body, raw, coding, charset, meta, sent_at, intent, reply, reply_coding)
    VALUES ('ref-' || gen_random_uuid(), 'sms', '+62812' || lpad(CAST(:k AS text), 8, '0'), '1234', 'fake',
            'ADUAN jalan rusak di Desa Sooko RT 3 RW 1, lubang besar dekat masjid',
            convert_to('ADUAN jalan rusak di Desa Sooko RT 3 RW 1, lubang besar dekat masjid', 'UTF8'),
            0, 'UTF-8', '', now(), 'complaint',
            'Terima kasih. Aduan Anda tercatat dgn no tiket ' || lpad(CAST(:seq AS text), 7, '0') || '. Cek: ketik STATUS ' || lpad(CAST(:seq AS text), 7, '0'), 0)
    ON CONFLICT (kannel_id) DO NOTHING RETURNING id \gset
WITH t AS (INSERT INTO tickets (code, message_id, msisdn, body, status)
           VALUES (lpad(CAST(CAST(:seq AS bigint) % 10000000 AS text), 7, '0'), CAST(:id AS bigint),
                   '+62812' || lpad(CAST(:k AS text), 8, '0'),
                   'jalan rusak di Desa Sooko RT 3 RW 1, lubang besar dekat masjid', 'baru')
           RETURNING id, status)
    INSERT INTO ticket_events (ticket_id, status, actor) SELECT id, status, 'citizen' FROM t;
\elif :r <= :wc + :ws
SELECT status, to_char(updated_at AT TIME ZONE 'Asia/Jakarta', 'DD/MM/YYYY') FROM tickets WHERE code = lpad(CAST(CAST(:k AS bigint) % 10000000 AS text), 7, '0');
INSERT INTO messages (kannel_id, channel, msisdn, short_code, smsc, body, raw, coding, charset, meta, sent_at, intent, reply, reply_coding)
    VALUES ('ref-' || gen_random_uuid(), 'sms', '+62812' || lpad(CAST(:k AS text), 8, '0'), '1234', 'fake',
            'STATUS 4821937', convert_to('STATUS 4821937', 'UTF8'), 0, 'UTF-8', '', now(), 'status',
            'Tiket 4821937 tidak ditemukan, cek lagi nomornya.', 0)
    ON CONFLICT (kannel_id) DO NOTHING RETURNING id;
\elif :r <= :wc + :ws + :wa
SELECT id, type, komisi, title, place, starts_at, cancelled_at, count(*) OVER () FROM agenda_sessions
    WHERE starts_at >= now() - interval '1 day' AND coalesce(ends_at, starts_at + interval '3 hours') >= now()
    ORDER BY starts_at, id LIMIT 8;
INSERT INTO messages (kannel_id, channel, msisdn, short_code, smsc, body, raw, coding, charset, meta, sent_at, intent, reply, reply_coding)
    VALUES ('ref-' || gen_random_uuid(), 'sms', '+62812' || lpad(CAST(:k AS text), 8, '0'), '1234', 'fake',
            'AGENDA MINGGU INI', convert_to('AGENDA MINGGU INI', 'UTF8'), 0, 'UTF-8', '', now(), 'agenda',
            'Belum ada jadwal sidang DPRD minggu ini.', 0)
    ON CONFLICT (kannel_id) DO NOTHING RETURNING id \gset
INSERT INTO info_requests (msisdn, channel, kind, query, message_id)
    VALUES ('+62812' || lpad(CAST(:k AS text), 8, '0'), 'sms', 'agenda', 'week', CAST(:id AS bigint));
\elif :r <= :wc + :ws + :wa + :wi
SELECT body FROM info_pages WHERE topic = 'anggaran';
INSERT INTO messages (kannel_id, channel, msisdn, short_code, smsc, body, raw, coding, charset, meta, sent_at, intent, reply, reply_coding)
    VALUES ('ref-' || gen_random_uuid(), 'sms', '+62812' || lpad(CAST(:k AS text), 8, '0'), '1234', 'fake',
            'INFO ANGGARAN', convert_to('INFO ANGGARAN', 'UTF8'), 0, 'UTF-8', '', now(), 'info',
            'Info ANGGARAN belum ada. Ketik INFO utk daftar topik.', 0)
    ON CONFLICT (kannel_id) DO NOTHING RETURNING id \gset
INSERT INTO info_requests (msisdn, channel, kind, query, message_id)
    VALUES ('+62812' || lpad(CAST(:k AS text), 8, '0'), 'sms', 'info', 'anggaran', CAST(:id AS bigint));
\else
INSERT INTO messages (kannel_id, channel, msisdn, short_code, smsc, body, raw, coding, charset, meta, sent_at, intent, reply, reply_coding)
    VALUES ('ref-' || gen_random_uuid(), 'sms', '+62812' || lpad(CAST(:k AS text), 8, '0'), '1234', 'fake',
            'halo min', convert_to('halo min', 'UTF8'), 0, 'UTF-8', '', now(), 'unknown',
            'DPRD Kab. Mojokerto. Ketik: ADUAN isi aduan / STATUS no tiket / AGENDA / INFO / DAFTAR / BERHENTI', 0)
    ON CONFLICT (kannel_id) DO NOTHING RETURNING id;
\endif
END;
