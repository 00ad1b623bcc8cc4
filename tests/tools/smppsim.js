#!/usr/bin/env node
/*
 * smppsim.js -- an SMPP 3.4 SMSC (the operator's side) for USSD tests through real Kannel.
 *
 * bearerbox's "smsc = smpp" connection binds to this server as a transceiver. A test drives it
 * with one LF-terminated line per message (tests/tools/README.md has the details):
 *
 *   stdin   "MO <from> <to> <op> <session-hex> <text>"
 *             sends a deliver_sm to the bound transceiver: short_message = text (GSM 03.38,
 *             data_coding 0; UCS-2, data_coding 8, when the text has a character GSM lacks),
 *             TLVs ussd_service_op (0x0501, 1 octet = op) and its_session_info (0x1383, the
 *             octets of session-hex, e.g. 0a01); "-" as op or session leaves that TLV out.
 *   stdout  "READY <port>"        listening (port 0 on the command line: the one picked)
 *           "BOUND <system_id>"   bearerbox bound as a transceiver
 *           "MT <from> <to> <op> <session-hex> <text>"
 *                                 one per submit_sm, printed after its submit_sm_resp went out;
 *                                 op and session from its TLVs ("-" when absent), text decoded
 *                                 per data_coding (0 GSM 03.38, 1 ASCII, 3 Latin-1, 8 UCS-2 BE)
 *
 * In <text>, both ways, a newline is written \n, a carriage return \r, a tab \t, a backslash
 * \\ and any other control character \xHH (a USSD screen has newlines; a protocol line cannot).
 * An address with TON 1 (international) is shown with a leading "+", and an MO address that
 * starts with "+" is sent without it and with TON 1, as an operator's SMSC does.
 *
 * Every submit_sm is accepted (message ids 00000001, 00000002...). One that asks for a delivery
 * receipt on success (registered_delivery 1) gets one: a deliver_sm with esm_class 0x04, the
 * receipt text of SMPP 3.4 appendix B ("id:... stat:DELIVRD") and the TLVs receipted_message_id
 * and message_state, so Kannel's delivery reports work as with a real SMSC. In a submit_sm with
 * a UDH (a part of a long SMS, esm_class 0x40) only the text after the UDH is shown.
 * Only bind_transceiver is served; bind_transmitter and bind_receiver get ESME_RBINDFAIL.
 *
 * Options: --port N (0 = any free port), --host ADDR (default 127.0.0.1), --system-id ID and
 * --password PW (a bind with other credentials gets ESME_RBINDFAIL; when not given, any
 * credentials are accepted), --verbose (every PDU on stderr), --check (exit 0 when the npm
 * package smpp can be loaded, 3 when not). Stops cleanly on SIGTERM, SIGINT and end of stdin.
 *
 * Exit status: 0 after a clean stop, 2 when the port cannot be listened on, 3 when the npm
 * package smpp is missing (tools/check installs it, or: cd tests/tools && npm ci), 64 on bad
 * usage.
 */
'use strict';

const readline = require('readline');

const PROG = 'smppsim';
const TLV_USSD_SERVICE_OP = 0x0501;
const TLV_ITS_SESSION_INFO = 0x1383;

function warn(msg)
{
    process.stderr.write(`${PROG}: ${msg}\n`);
}

function usage()
{
    process.stderr.write(`usage: ${PROG} [--port N] [--host ADDR] [--system-id ID] ` +
                         `[--password PW] [--verbose] [--check]\n`);
    process.exit(64);
}

function parse_args(argv)
{
    const opt = {port: 0, host: '127.0.0.1', systemId: null, password: null, verbose: false,
                 check: false};
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        const value = () => {
            if (i + 1 >= argv.length) {
                warn(`${a} needs a value`);
                usage();
            }
            return argv[++i];
        };
        if (a === '--port' || a === '-p') {
            const s = value();
            if (!/^[0-9]{1,5}$/.test(s) || Number(s) > 65535) {
                warn(`bad port "${s}"`);
                usage();
            }
            opt.port = Number(s);
        } else if (a === '--host') {
            opt.host = value();
        } else if (a === '--system-id') {
            opt.systemId = value();
        } else if (a === '--password') {
            opt.password = value();
        } else if (a === '--verbose' || a === '-v') {
            opt.verbose = true;
        } else if (a === '--check') {
            opt.check = true;
        } else {
            warn(`unknown argument "${a}"`);
            usage();
        }
    }
    return opt;
}

const opt = parse_args(process.argv.slice(2));

let smpp;
try {
    smpp = require('smpp');
} catch (e) {
    warn(`cannot load the npm package smpp (${e.code || e.message}); ` +
         'tools/check installs it, or: cd tests/tools && npm ci');
    process.exit(3);
}
if (opt.check)
    process.exit(0);

/*
 * The package decodes short_message by data_coding into a string and loses the octets; the
 * decoding is done here instead (GSM 03.38 with its extension table, as Kannel writes it), so
 * the filters go and short_message and message_payload stay Buffers both ways.
 */
delete smpp.commands.submit_sm.params.short_message.filter;
delete smpp.commands.deliver_sm.params.short_message.filter;
delete smpp.tlvs.message_payload.filter;

/* ---- GSM 03.38 default alphabet, one septet per octet (SMPP does not pack) ---- */

const GSM_BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
                  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/* The extension table, reached with the escape 0x1B: septet -> character. */
const GSM_EXT = {
    0x0a: '\f',
    0x14: '^',
    0x28: '{',
    0x29: '}',
    0x2f: '\\',
    0x3c: '[',
    0x3d: '~',
    0x3e: ']',
    0x40: '|',
    0x65: '€'
};
const GSM_ENC = new Map();
const GSM_EXT_ENC = new Map();
[...GSM_BASIC].forEach((c, i) => {
    if (i !== 0x1b)
        GSM_ENC.set(c, i);
});
for (const [k, c] of Object.entries(GSM_EXT))
    GSM_EXT_ENC.set(c, Number(k));

/* Returns the GSM septets of text, or null when a character is not in GSM 03.38. */
function gsm_encode(text)
{
    const out = [];
    for (const c of text) {
        if (GSM_ENC.has(c)) {
            out.push(GSM_ENC.get(c));
        } else if (GSM_EXT_ENC.has(c)) {
            out.push(0x1b, GSM_EXT_ENC.get(c));
        } else {
            return null;
        }
    }
    return Buffer.from(out);
}

function gsm_decode(buf)
{
    let s = '';
    for (let i = 0; i < buf.length; i++) {
        const b = buf[i] & 0x7f;
        if (b === 0x1b && i + 1 < buf.length) {
            const e = buf[++i] & 0x7f;
            /* An unknown extension shows as its basic character, as the spec says. */
            s += GSM_EXT[e] !== undefined ? GSM_EXT[e] : GSM_BASIC[e];
        } else {
            s += GSM_BASIC[b];
        }
    }
    return s;
}

function ucs2_encode(text)
{
    const b = Buffer.from(text, 'utf16le');
    return b.swap16();
}

function ucs2_decode(buf)
{
    const b = Buffer.from(buf.subarray(0, buf.length & ~1));
    return b.swap16().toString('utf16le');
}

/* Decodes a short_message by data_coding; returns null for codings not handled. */
function decode_text(buf, dcs)
{
    if ((dcs & 0xf0) === 0 || (dcs & 0xf0) === 0xf0) {
        /* 0x0X: the SMPP 3.4 coding groups; 0xFX: message class, bit 2 = 8-bit data. */
        const coding = (dcs & 0xf0) === 0xf0 ? (dcs & 0x04 ? 4 : 0) : dcs & 0x0f;
        switch (coding) {
        case 0:
            return gsm_decode(buf);
        case 1:
            return buf.toString('latin1').replace(/[\x80-\xff]/g, '?');
        case 3:
            return buf.toString('latin1');
        case 8:
            return ucs2_decode(buf);
        }
    }
    return null;
}

/* ---- the line protocol ---- */

/* \n \r \t \\ and \xHH for other control characters. */
function escape_text(s)
{
    return s.replace(/[\x00-\x1f\x7f\\]/g, (c) => {
        switch (c) {
        case '\n':
            return '\\n';
        case '\r':
            return '\\r';
        case '\t':
            return '\\t';
        case '\\':
            return '\\\\';
        }
        return '\\x' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');
    });
}

/* The reverse of escape_text; \xHH is the character U+00HH. */
function unescape_text(s)
{
    return s.replace(/\\(x[0-9A-Fa-f]{2}|.)/g, (m, e) => {
        switch (e[0]) {
        case 'n':
            return '\n';
        case 'r':
            return '\r';
        case 't':
            return '\t';
        case 'x':
            if (e.length === 3)
                return String.fromCharCode(parseInt(e.slice(1), 16));
            break;
        }
        return e;
    });
}

function out(line)
{
    process.stdout.write(line + '\n');
}

/* An address for a line: "+" in front when the TON is international. */
function show_addr(addr, ton)
{
    if (!addr)
        return '-';
    return ton === 1 && addr[0] !== '+' ? '+' + addr : addr;
}

function hex(buf)
{
    return Buffer.isBuffer(buf) ? buf.toString('hex') : String(buf);
}

/* Every field and TLV of a PDU, for --verbose. */
function dump(dir, pdu)
{
    const fields = [];
    for (const k of Object.keys(pdu)) {
        if (k === 'command' || k === 'command_length' || k === 'command_id')
            continue;
        const v = pdu[k];
        if (typeof v === 'function')
            continue;
        const name = /^[0-9]+$/.test(k) ? 'tlv_0x' + Number(k).toString(16).padStart(4, '0') : k;
        fields.push(`${name}=${Buffer.isBuffer(v) ? 'hex:' + hex(v) : JSON.stringify(v)}`);
    }
    warn(`${dir} ${pdu.command} ${fields.join(' ')}`);
}

/* ---- the server ---- */

let bound = null; /* the session bearerbox bound as a transceiver */
const waiting = []; /* MO lines read before any bind */
let next_msgid = 1;
let stopping = false;

function tlv_of(pdu, name, id)
{
    if (pdu[name] !== undefined && pdu[name] !== null)
        return pdu[name];
    return pdu[id];
}

function send(session, pdu)
{
    session.send(pdu); /* numbers the PDU */
    if (opt.verbose)
        dump('>', pdu);
}

function reply(session, pdu, fields)
{
    send(session, pdu.response(fields));
}

function on_bind(session, pdu)
{
    if (pdu.command !== 'bind_transceiver') {
        warn(`${pdu.command} refused: only bind_transceiver is served`);
        reply(session, pdu, {command_status: smpp.ESME_RBINDFAIL});
        return;
    }
    if ((opt.systemId !== null && pdu.system_id !== opt.systemId) ||
        (opt.password !== null && pdu.password !== opt.password)) {
        warn(`bind of "${pdu.system_id}" refused: wrong system_id or password`);
        reply(session, pdu, {command_status: smpp.ESME_RBINDFAIL});
        return;
    }
    if (session.bound) {
        reply(session, pdu, {command_status: smpp.ESME_RALYBND});
        return;
    }
    session.bound = true;
    bound = session;
    reply(session, pdu, {system_id: 'smppsim'});
    out(`BOUND ${pdu.system_id}`);
    while (waiting.length > 0 && bound)
        send_mo(waiting.shift());
}

function send_receipt(session, sm, msgid)
{
    const now = new Date();
    const t = [now.getUTCFullYear() % 100, now.getUTCMonth() + 1, now.getUTCDate(),
               now.getUTCHours(), now.getUTCMinutes()]
                  .map((n) => String(n).padStart(2, '0'))
                  .join('');
    const text = `id:${msgid} sub:001 dlvrd:001 submit date:${t} done date:${t} ` +
                 'stat:DELIVRD err:000 text:';
    send(session, new smpp.PDU('deliver_sm', {
             source_addr_ton: sm.dest_addr_ton,
             source_addr_npi: sm.dest_addr_npi,
             source_addr: sm.destination_addr,
             dest_addr_ton: sm.source_addr_ton,
             dest_addr_npi: sm.source_addr_npi,
             destination_addr: sm.source_addr,
             esm_class: 0x04,
             data_coding: 0,
             short_message: Buffer.from(text, 'ascii'),
             receipted_message_id: msgid,
             message_state: 2 /* DELIVERED */
         }));
}

function on_submit(session, pdu)
{
    if (!session.bound) {
        reply(session, pdu, {command_status: smpp.ESME_RINVBNDSTS});
        return;
    }
    const msgid = (next_msgid++).toString(16).padStart(8, '0');
    reply(session, pdu, {message_id: msgid});

    let body = pdu.short_message;
    if (!body || body.length === 0)
        body = pdu.message_payload || Buffer.alloc(0);
    if (pdu.esm_class & 0x40) {
        /* UDH indicator: the header is not text. */
        body = body.subarray(Math.min(body.length, body[0] + 1));
    }
    let text = decode_text(body, pdu.data_coding);
    if (text === null) {
        warn(`submit_sm ${msgid}: data_coding 0x${pdu.data_coding.toString(16)} ` +
             'not decoded, text shown as \\xHH bytes');
        text = body.toString('latin1');
    }
    const op = tlv_of(pdu, 'ussd_service_op', TLV_USSD_SERVICE_OP);
    const sess = tlv_of(pdu, 'its_session_info', TLV_ITS_SESSION_INFO);
    const opstr = op === undefined ? '-' : Buffer.isBuffer(op) ? hex(op) : String(op);
    const sessstr = sess === undefined ? '-' : Buffer.isBuffer(sess) ? hex(sess) : String(sess);
    out(`MT ${show_addr(pdu.source_addr, pdu.source_addr_ton)} ` +
        `${show_addr(pdu.destination_addr, pdu.dest_addr_ton)} ${opstr} ${sessstr} ` +
        escape_text(text));
    /* 1: a receipt on success or failure; 2 (failure only) never comes, all is delivered. */
    if ((pdu.registered_delivery & 0x03) === 1)
        send_receipt(session, pdu, msgid);
}

/* The address of an MO: "+62..." goes out as TON 1 (international), NPI 1 (E.164). */
function mo_addr(s)
{
    if (s[0] === '+')
        return {addr: s.slice(1), ton: 1, npi: 1};
    if (/^[0-9]+$/.test(s))
        return {addr: s, ton: 0, npi: 1};
    return {addr: s, ton: 0, npi: 0};
}

/* Parses "MO <from> <to> <op> <session-hex> <text>"; returns the fields or a reason string. */
function parse_mo(line)
{
    const m = /^MO ([^ ]+) ([^ ]+) ([^ ]+) ([^ ]+)(?: (.*))?$/.exec(line);
    if (!m)
        return 'expected "MO <from> <to> <op> <session-hex> <text>"';
    const mo = {from: m[1], to: m[2], op: null, session: null, text: unescape_text(m[5] || '')};
    if (m[3] !== '-') {
        if (!/^[0-9]{1,3}$/.test(m[3]) || Number(m[3]) > 255)
            return `bad op "${m[3]}" (0-255 or -)`;
        mo.op = Number(m[3]);
    }
    if (m[4] !== '-') {
        if (!/^([0-9A-Fa-f]{2})+$/.test(m[4]))
            return `bad session "${m[4]}" (hex octets, e.g. 0a01, or -)`;
        mo.session = Buffer.from(m[4], 'hex');
    }
    return mo;
}

function send_mo(mo)
{
    const from = mo_addr(mo.from);
    const to = mo_addr(mo.to);
    let coding = 0;
    let body = gsm_encode(mo.text);
    if (body === null) {
        coding = 8;
        body = ucs2_encode(mo.text);
    }
    const fields = {
        source_addr_ton: from.ton,
        source_addr_npi: from.npi,
        source_addr: from.addr,
        dest_addr_ton: to.ton,
        dest_addr_npi: to.npi,
        destination_addr: to.addr,
        esm_class: 0,
        data_coding: coding,
        short_message: body
    };
    if (mo.op !== null)
        fields.ussd_service_op = mo.op;
    if (mo.session !== null)
        fields.its_session_info = mo.session;
    const pdu = new smpp.PDU('deliver_sm', fields);
    bound.send(pdu, (resp) => {
        if (opt.verbose)
            dump('<', resp);
        if (resp.command_status !== 0) {
            warn(`deliver_sm ${pdu.sequence_number} refused by the ESME: status 0x` +
                 resp.command_status.toString(16));
        }
    });
    if (opt.verbose)
        dump('>', pdu);
}

function on_line(line)
{
    if (line === '' || line[0] === '#')
        return;
    const mo = parse_mo(line);
    if (typeof mo === 'string') {
        warn(`ignored line "${line}": ${mo}`);
        return;
    }
    if (bound)
        send_mo(mo);
    else
        waiting.push(mo); /* sent once bearerbox binds */
}

const server = smpp.createServer((session) => {
    session.bound = false;
    const peer = `${session.socket.remoteAddress}:${session.socket.remotePort}`;
    warn(`connection from ${peer}`);
    session.on('pdu', (pdu) => {
        if (opt.verbose && pdu.command !== 'deliver_sm_resp')
            dump('<', pdu);
        switch (pdu.command) {
        case 'bind_transceiver':
        case 'bind_transmitter':
        case 'bind_receiver':
            on_bind(session, pdu);
            break;
        case 'submit_sm':
            on_submit(session, pdu);
            break;
        case 'enquire_link':
            reply(session, pdu);
            break;
        case 'unbind':
            reply(session, pdu);
            session.close();
            break;
        case 'deliver_sm_resp':
        case 'enquire_link_resp':
        case 'generic_nack':
        case 'unbind_resp':
            break;
        default:
            if (!pdu.isResponse()) {
                /* data_sm, query_sm, replace_sm...: not served. */
                send(session, new smpp.PDU('generic_nack', {
                         sequence_number: pdu.sequence_number,
                         command_status: smpp.ESME_RINVCMDID
                     }));
            }
        }
    });
    session.on('error', (e) => {
        warn(`connection from ${peer}: ${e.message}`);
        session.destroy();
    });
    session.on('close', () => {
        warn(`connection from ${peer} closed${session.bound ? ' (was bound)' : ''}`);
        if (bound === session)
            bound = null;
    });
});

server.on('error', (e) => {
    warn(`cannot listen on ${opt.host}:${opt.port}: ${e.message}`);
    process.exit(2);
});

server.listen(opt.port, opt.host, () => {
    out(`READY ${server.address().port}`);
});

function stop(why)
{
    if (stopping)
        return;
    stopping = true;
    warn(`stopping (${why})`);
    for (const s of server.sessions.slice())
        s.destroy();
    server.close(() => process.exit(0));
    /* Do not wait for anything else. */
    setTimeout(() => process.exit(0), 500).unref();
}

process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));

const rl = readline.createInterface({input: process.stdin, crlfDelay: Infinity});
rl.on('line', on_line);
rl.on('close', () => stop('end of input'));
