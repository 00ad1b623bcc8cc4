-- bench/pgbench_mo.sql: the reference of bench/run (bench/README.md).
--
-- One incoming SMS written the plain way: one transaction, and so one
-- commit (one WAL flush with synchronous_commit on), per message.  Each
-- transaction runs the statements aspirasid runs for the same message
-- (gateway/intake.c with db/citizens.c, db/messages.c, db/tickets.c,
-- db/agenda.c and db/info.c), on the schema of db/migrations:
--
--   every message   the reply language of the sender (citizens) and the
--                   per-number limits (limits.* at their defaults: tickets in
--                   the last hour, replies in the last day, the notice of the
--                   last hour, and the texts and replies of the loop window
--                   compared with the text by their keys), in one statement,
--                   as the intake's read-ahead; then the message row with
--                   its reply and their keys (messages; aspirasid hashes
--                   the texts itself, this the server's hashtextextended())
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
SELECT (SELECT language FROM citizens WHERE msisdn = s.msisdn AND language IS NOT NULL),
       (SELECT count(*) FROM (SELECT 1 FROM tickets WHERE msisdn = s.msisdn
            AND (msisdn, created_at) > (s.msisdn, now() - interval '1 hour') LIMIT 10) AS t),
       (SELECT count(*) FROM (SELECT 1 FROM messages WHERE msisdn = s.msisdn
            AND received_at > now() - interval '24 hours' AND channel = 'sms' AND reply <> '' LIMIT 31) AS r),
       (SELECT count(*) FROM (SELECT 1 FROM messages WHERE msisdn = s.msisdn
            AND received_at > now() - interval '1 hour' AND channel = 'sms'
            AND reply = ANY (ARRAY['Pesan Anda sudah terlalu banyak. Mohon tunggu sebelum mengirim lagi. Pesan Anda tetap kami simpan.',
                                   'Pesen panjenengan sampun kathah sanget. Mangga ngentosi rumiyin saderengipun ngintun malih. Pesen tetep kacathet.',
                                   'You have sent too many messages. Please wait before sending more. Your messages are still recorded.'])
            LIMIT 1) AS n),
       l.repeats, l.echo
    FROM (SELECT '+62812' || lpad(CAST(:k AS text), 8, '0') AS msisdn,
                 CASE WHEN CAST(:r AS int) <= CAST(:wc AS int) THEN 'aduan jalan rusak di desa sooko rt 3 rw 1, lubang besar dekat masjid'
                      WHEN CAST(:r AS int) <= CAST(:wc AS int) + CAST(:ws AS int) THEN 'status 4821937'
                      WHEN CAST(:r AS int) <= CAST(:wc AS int) + CAST(:ws AS int) + CAST(:wa AS int) THEN 'agenda minggu ini'
                      WHEN CAST(:r AS int) <= CAST(:wc AS int) + CAST(:ws AS int) + CAST(:wa AS int) + CAST(:wi AS int) THEN 'info anggaran'
                      ELSE 'halo min' END AS body) AS s
    CROSS JOIN LATERAL (SELECT least(count(*) FILTER (WHERE coalesce(w.body_key = hashtextextended(s.body, 0),
                                   btrim(regexp_replace(lower(w.body COLLATE "C"),
                                   '[ \t\n\r\f\v]+', ' ', 'g'), ' ') = s.body)), 2) AS repeats,
                               least(count(*) FILTER (WHERE w.reply <> '' AND coalesce(w.reply_key = hashtextextended(s.body, 0),
                                   btrim(regexp_replace(lower(w.reply COLLATE "C"),
                                   '[ \t\n\r\f\v]+', ' ', 'g'), ' ') = s.body)), 1) AS echo
                        FROM (SELECT body, reply, body_key, reply_key FROM messages WHERE msisdn = s.msisdn
                              AND received_at > now() - make_interval(mins => 10) AND channel = 'sms'
                              ORDER BY received_at DESC LIMIT 100) AS w) AS l;
\if :r <= :wc
SELECT nextval('ticket_seq') AS seq \gset
INSERT INTO messages (kannel_id, channel, msisdn, short_code, smsc, body, raw, coding, charset, meta, sent_at, intent, reply, reply_coding, body_key, reply_key)
    VALUES ('ref-' || gen_random_uuid(), 'sms', '+62812' || lpad(CAST(:k AS text), 8, '0'), '1234', 'fake',
            'ADUAN jalan rusak di Desa Sooko RT 3 RW 1, lubang besar dekat masjid',
            convert_to('ADUAN jalan rusak di Desa Sooko RT 3 RW 1, lubang besar dekat masjid', 'UTF8'),
            0, 'UTF-8', '', now(), 'complaint',
            'Terima kasih. Aduan Anda tercatat dgn no tiket ' || lpad(CAST(:seq AS text), 7, '0') || '. Cek: ketik STATUS ' || lpad(CAST(:seq AS text), 7, '0'), 0,
            hashtextextended('aduan jalan rusak di desa sooko rt 3 rw 1, lubang besar dekat masjid', 0),
            hashtextextended('terima kasih. aduan anda tercatat dgn no tiket ' || lpad(CAST(:seq AS text), 7, '0') || '. cek: ketik status ' || lpad(CAST(:seq AS text), 7, '0'), 0))
    ON CONFLICT (kannel_id) DO NOTHING RETURNING id \gset
WITH t AS (INSERT INTO tickets (code, message_id, msisdn, body, status)
           VALUES (lpad(CAST(CAST(:seq AS bigint) % 10000000 AS text), 7, '0'), CAST(:id AS bigint),
                   '+62812' || lpad(CAST(:k AS text), 8, '0'),
                   'jalan rusak di Desa Sooko RT 3 RW 1, lubang besar dekat masjid', 'baru')
           RETURNING id, status)
    INSERT INTO ticket_events (ticket_id, status, actor) SELECT id, status, 'citizen' FROM t;
\elif :r <= :wc + :ws
SELECT status, to_char(updated_at AT TIME ZONE 'Asia/Jakarta', 'DD/MM/YYYY') FROM tickets WHERE code = lpad(CAST(CAST(:k AS bigint) % 10000000 AS text), 7, '0');
INSERT INTO messages (kannel_id, channel, msisdn, short_code, smsc, body, raw, coding, charset, meta, sent_at, intent, reply, reply_coding, body_key, reply_key)
    VALUES ('ref-' || gen_random_uuid(), 'sms', '+62812' || lpad(CAST(:k AS text), 8, '0'), '1234', 'fake',
            'STATUS 4821937', convert_to('STATUS 4821937', 'UTF8'), 0, 'UTF-8', '', now(), 'status',
            'Tiket 4821937 tidak ditemukan, cek lagi nomornya.', 0,
            hashtextextended('status 4821937', 0), hashtextextended('tiket 4821937 tidak ditemukan, cek lagi nomornya.', 0))
    ON CONFLICT (kannel_id) DO NOTHING RETURNING id;
\elif :r <= :wc + :ws + :wa
SELECT id, type, komisi, title, place, starts_at, cancelled_at, count(*) OVER () FROM agenda_sessions
    WHERE starts_at >= now() - interval '1 day' AND coalesce(ends_at, starts_at + interval '3 hours') >= now()
    ORDER BY starts_at, id LIMIT 8;
INSERT INTO messages (kannel_id, channel, msisdn, short_code, smsc, body, raw, coding, charset, meta, sent_at, intent, reply, reply_coding, body_key, reply_key)
    VALUES ('ref-' || gen_random_uuid(), 'sms', '+62812' || lpad(CAST(:k AS text), 8, '0'), '1234', 'fake',
            'AGENDA MINGGU INI', convert_to('AGENDA MINGGU INI', 'UTF8'), 0, 'UTF-8', '', now(), 'agenda',
            'Belum ada jadwal sidang DPRD minggu ini.', 0,
            hashtextextended('agenda minggu ini', 0), hashtextextended('belum ada jadwal sidang dprd minggu ini.', 0))
    ON CONFLICT (kannel_id) DO NOTHING RETURNING id \gset
INSERT INTO info_requests (msisdn, channel, kind, query, message_id)
    VALUES ('+62812' || lpad(CAST(:k AS text), 8, '0'), 'sms', 'agenda', 'week', CAST(:id AS bigint));
\elif :r <= :wc + :ws + :wa + :wi
SELECT body FROM info_pages WHERE topic = 'anggaran';
INSERT INTO messages (kannel_id, channel, msisdn, short_code, smsc, body, raw, coding, charset, meta, sent_at, intent, reply, reply_coding, body_key, reply_key)
    VALUES ('ref-' || gen_random_uuid(), 'sms', '+62812' || lpad(CAST(:k AS text), 8, '0'), '1234', 'fake',
            'INFO ANGGARAN', convert_to('INFO ANGGARAN', 'UTF8'), 0, 'UTF-8', '', now(), 'info',
            'Info ANGGARAN belum ada. Ketik INFO utk daftar topik.', 0,
            hashtextextended('info anggaran', 0), hashtextextended('info anggaran belum ada. ketik info utk daftar topik.', 0))
    ON CONFLICT (kannel_id) DO NOTHING RETURNING id \gset
INSERT INTO info_requests (msisdn, channel, kind, query, message_id)
    VALUES ('+62812' || lpad(CAST(:k AS text), 8, '0'), 'sms', 'info', 'anggaran', CAST(:id AS bigint));
\else
INSERT INTO messages (kannel_id, channel, msisdn, short_code, smsc, body, raw, coding, charset, meta, sent_at, intent, reply, reply_coding, body_key, reply_key)
    VALUES ('ref-' || gen_random_uuid(), 'sms', '+62812' || lpad(CAST(:k AS text), 8, '0'), '1234', 'fake',
            'halo min', convert_to('halo min', 'UTF8'), 0, 'UTF-8', '', now(), 'unknown',
            'DPRD Kab. Mojokerto. Ketik: ADUAN isi aduan / STATUS no tiket / AGENDA / INFO / DAFTAR / BERHENTI', 0,
            hashtextextended('halo min', 0),
            hashtextextended('dprd kab. mojokerto. ketik: aduan isi aduan / status no tiket / agenda / info / daftar / berhenti', 0))
    ON CONFLICT (kannel_id) DO NOTHING RETURNING id;
\endif
END;
