#!/usr/bin/env bash
#
# The staff API's framework over real HTTP and PostgreSQL: accounts and
# their tokens (shown once, stored hashed, revocable, reissued), the role
# of every account route, the answers every route shares (401 with
# WWW-Authenticate, 403, 404, 405 with Allow, 413, 415, 400 for bad JSON,
# duplicate keys, unknown fields, wrong types), the audit log of changes
# made through the API and aspirasictl, and that a refused request changes
# nothing.
#
# Run by "make check", or by hand:
#   top_srcdir=/path/to/src top_builddir=/path/to/build tests/integration/api_staff.sh

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/lib.sh"
asp_init "$0" "$@"

tap_plan 89

CTL=$ASP_BUILDDIR/aspirasictl
asp_createdb aspirasi_api_staff
CONF=$ASP_TMP/aspirasi.conf
asp_write_config "$CONF" 'http = { max_request_bytes = 4096; };'
export ASP_CONFIG=$CONF
asp_migrate "$CONF" || asp_bail "migrate failed"
asp_start_daemon "$CONF" || asp_bail "aspirasid did not start"

# ---- accounts from aspirasictl ------------------------------------------------

ADMIN=$(asp_staff_token ana admin)
like "$ADMIN" '^asp_[0-9a-f]{40}$' "staff add prints a token: asp_ and 40 hex digits"
STAFF=$(asp_staff_token budi staff)
VIEWER=$(asp_staff_token citra viewer)
is "$(asp_psql "SELECT count(*) FROM staff WHERE length(token_hash) = 32
    AND token_hash = sha256(convert_to('$ADMIN', 'UTF8'))")" 1 \
    "the token is stored as its SHA-256"
is "$(asp_psql "SELECT count(*) FROM staff s, audit_log a WHERE position('${ADMIN:4}' IN
    s.name || s.role || s.token_prefix || a.detail::text || a.path) > 0")" 0 \
    "the token itself is stored nowhere"
"$CTL" -c "$CONF" staff add ana --role staff >/dev/null 2>"$ASP_TMP/dup.err"
is "$?" 1 "staff add: a taken name fails"
like "$(cat "$ASP_TMP/dup.err")" 'already an account named "ana"' "staff add: says the name is taken"
"$CTL" -c "$CONF" staff add 'Bad Name' --role staff >/dev/null 2>"$ASP_TMP/bad.err"
like "$(cat "$ASP_TMP/bad.err")" 'account name is 1 to 32' "staff add: a bad name is refused with the rule"
"$CTL" -c "$CONF" staff add dewi --role boss >/dev/null 2>"$ASP_TMP/role.err"
like "$(cat "$ASP_TMP/role.err")" 'role must be one of: viewer, staff, admin' "staff add: a bad role is refused"
"$CTL" -c "$CONF" staff add dewi >/dev/null 2>&1
is "$?" 2 "staff add without --role: usage, exit 2"
out=$("$CTL" -c "$CONF" staff list)
like "$out" 'ana +admin +[0-9-]+ [0-9:]+ +never +active' "staff list: ana, admin, never used, active"
like "$out" 'citra +viewer' "staff list: citra, viewer"

# ---- who am I, and the roles of the account routes ----------------------------

api_is GET /api/v1/me "" "$VIEWER" 200 "GET /me with a viewer token: 200"
is "$(jget '.name + " " + .role')" "citra viewer" "GET /me: name and role"
api_is GET /api/v1/me "" "$ADMIN" 200 "GET /me with an admin token: 200"
like "$(asp_psql "SELECT last_used_at IS NOT NULL FROM staff WHERE name = 'ana'")" t \
    "a used token records its last use"
for tok in VIEWER STAFF; do
    api_is GET /api/v1/staff "" "${!tok}" 403 "GET /staff as ${tok,,}: 403"
    is "$(jget .error.code)" forbidden "GET /staff as ${tok,,}: error code forbidden"
    api_is POST /api/v1/staff '{"name":"eko","role":"viewer"}' "${!tok}" 403 "POST /staff as ${tok,,}: 403"
    api_is GET /api/v1/audit "" "${!tok}" 403 "GET /audit as ${tok,,}: 403"
done
like "$(jget .error.message)" 'staff role cannot do this; it needs admin' "403 says which role is needed"

# ---- tokens: missing, malformed, wrong, revoked, reissued ----------------------

api_is GET /api/v1/me "" "" 401 "no token: 401"
like "$API_HEADERS" 'WWW-Authenticate: Bearer realm="aspirasi"' "401 carries WWW-Authenticate"
is "$(jget .error.code)" unauthorized "401: error code unauthorized"
api_is GET /api/v1/me "" "not-a-token" 401 "a malformed token: 401"
api_is GET /api/v1/me "" "asp_${ADMIN:4:8}00000000000000000000000000000000" 401 \
    "the right prefix with the wrong secret: 401"
is "$(jget .error.message)" "invalid token" "a wrong token: invalid token"
asp_api GET /api/v1/me "" ""
API_STATUS=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Basic $ADMIN" "$ASP_URL/api/v1/me")
is "$API_STATUS" 401 "a token given as Basic is not taken: 401"
API_STATUS=$(curl -s -o /dev/null -w '%{http_code}' -H "authorization: bearer $ADMIN" "$ASP_URL/api/v1/me")
is "$API_STATUS" 200 "the scheme is case-insensitive: 200"

api_is POST /api/v1/staff '{"name":"eko","role":"staff"}' "$ADMIN" 201 "POST /staff as admin: 201"
EKO=$(jget .token)
like "$EKO" '^asp_[0-9a-f]{40}$' "POST /staff: the token, once"
is "$(jget '.name + " " + .role')" "eko staff" "POST /staff: name and role"
api_is GET /api/v1/me "" "$EKO" 200 "the new token works"
api_is POST /api/v1/staff '{"name":"eko","role":"staff"}' "$ADMIN" 409 "POST /staff with a taken name: 409"
api_is POST /api/v1/staff '{"name":"Eko!","role":"staff"}' "$ADMIN" 400 "POST /staff with a bad name: 400"
api_is PATCH /api/v1/staff/eko '{"role":"viewer"}' "$ADMIN" 200 "PATCH /staff/eko role viewer: 200"
api_is POST /api/v1/broadcasts/preview '{"text":"x","audience":"all"}' "$EKO" 403 \
    "the changed role applies at once: a viewer cannot preview broadcasts"
api_is PATCH /api/v1/staff/nobody '{"role":"viewer"}' "$ADMIN" 404 "PATCH an unknown account: 404"
api_is DELETE /api/v1/staff/eko "" "$ADMIN" 200 "DELETE /staff/eko: revoked"
api_is GET /api/v1/me "" "$EKO" 401 "a revoked token: 401"
is "$(jget .error.message)" "this token was revoked" "a revoked token: says so"
api_is DELETE /api/v1/staff/eko "" "$ADMIN" 404 "revoking twice: 404"
api_is DELETE /api/v1/staff/ana "" "$ADMIN" 409 "an admin cannot revoke themselves: 409"
api_is POST /api/v1/staff/eko/token "" "$ADMIN" 200 "POST /staff/eko/token: a new token"
EKO2=$(jget .token)
api_is GET /api/v1/me "" "$EKO2" 200 "the reissued token works (and lifts the revocation)"
api_is GET /api/v1/me "" "$EKO" 401 "the old token does not"
"$CTL" -c "$CONF" staff revoke citra 2>/dev/null
api_is GET /api/v1/me "" "$VIEWER" 401 "aspirasictl staff revoke: the token stops at once"
VIEWER=$("$CTL" -c "$CONF" staff token citra 2>/dev/null)
api_is GET /api/v1/me "" "$VIEWER" 200 "aspirasictl staff token: a new token that works"
"$CTL" -c "$CONF" staff role citra staff 2>/dev/null
asp_api GET /api/v1/me "" "$VIEWER"
is "$(jget .role)" staff "aspirasictl staff role: the role changes"
api_is GET /api/v1/staff "" "$ADMIN" 200 "GET /staff as admin: 200"
is "$(jget '[.items[].name] | join(",")')" "ana,budi,citra,eko" "GET /staff: every account, by name"
is "$(jget '.items[] | select(.name == "eko") | .revoked')" false "GET /staff: eko active again"

# ---- what every route answers the same way ------------------------------------

api_is GET /api/v1/nothing "" "$ADMIN" 404 "an unknown path: 404"
is "$(jget .error.code)" not_found "404: JSON error not_found"
api_is PUT /api/v1/staff "" "$ADMIN" 405 "a wrong method: 405"
like "$API_HEADERS" 'Allow: GET, POST' "405 carries Allow"
API_STATUS=$(curl -s -o "$ASP_TMP/b" -w '%{http_code}' -H "Authorization: Bearer $ADMIN" \
    -H 'Content-Type: text/plain' --data 'name=x' "$ASP_URL/api/v1/staff")
is "$API_STATUS" 415 "a body that is not JSON: 415"
api_is POST /api/v1/staff '{"name":' "$ADMIN" 400 "broken JSON: 400"
like "$(jget .error.message)" '^the body is not valid JSON' "broken JSON: says so"
api_is POST /api/v1/staff '{"name":"x","name":"y","role":"staff"}' "$ADMIN" 400 "duplicate keys: 400"
api_is POST /api/v1/staff '["eko"]' "$ADMIN" 400 "an array body: 400"
is "$(jget .error.message)" "the body must be a JSON object" "an array body: says an object is needed"
api_is POST /api/v1/staff '{"name":"fajar","role":"staff","admin":true}' "$ADMIN" 400 "an unknown field: 400"
is "$(jget .error.message)" 'unknown field "admin"; the fields are: name, role' "an unknown field: named, with the known ones"
api_is POST /api/v1/staff '{"name":7,"role":"staff"}' "$ADMIN" 400 "a number for a string: 400"
is "$(jget .error.message)" '"name" must be a string' "a wrong type: says what it must be"
api_is POST /api/v1/staff '{"role":"staff"}' "$ADMIN" 400 "a missing field: 400"
is "$(jget .error.message)" '"name" is required' "a missing field: named"
api_is POST /api/v1/staff "{\"name\":\"$(printf 'a%.0s' {1..33})\",\"role\":\"staff\"}" "$ADMIN" 400 \
    "a name of 33 characters: 400"
like "$(jget .error.message)" '"name" must be 1 to 32 characters \(it has 33\)' "too long: the limits and the length"
api_is POST /api/v1/staff '{"name":"a\u0000b","role":"staff"}' "$ADMIN" 400 "a NUL inside a string: 400"
is "$(jget .error.message)" '"name" must not contain control characters' "a NUL: named with its field"
big=$(printf '{"name":"%s","role":"staff"}' "$(head -c 5000 /dev/zero | tr '\0' a)")
api_is POST /api/v1/staff "$big" "$ADMIN" 413 "a body over http.max_request_bytes: 413"
api_is GET "/api/v1/audit?limit=0" "" "$ADMIN" 400 "limit 0: 400"
is "$(jget .error.message)" '"limit" must be an integer from 1 to 1000' "limit: the range"

# ---- the audit log -----------------------------------------------------------

n=$(asp_psql "SELECT count(*) FROM audit_log")
api_is POST /api/v1/staff '{"name":"gita","role":"nobody"}' "$ADMIN" 400 "a refused change: 400"
is "$(asp_psql "SELECT count(*) FROM audit_log")" "$n" "a refused change writes no audit row"
is "$(asp_psql "SELECT count(*) FROM staff WHERE name = 'gita'")" 0 "a refused change creates nothing"
api_is GET "/api/v1/audit?limit=200" "" "$ADMIN" 200 "GET /audit: 200"
is "$(jget '[.items[] | select(.actor == "api:ana" and .method == "POST" and .path == "/api/v1/staff" and .status == 201) | .detail.staff] | join(",")')" \
    "eko" "the audit log: the account created through the API, by whom"
is "$(jget '[.items[] | select(.actor | startswith("cli:")) | .path] | sort | unique | join(",")')" \
    "staff add,staff revoke,staff role,staff token" "the audit log: the changes made with aspirasictl"
is "$(jget '[.items[] | select(.method == "GET")] | length')" 0 "reads are not audited"
like "$("$CTL" -c "$CONF" audit --actor api:ana --limit 3)" 'api:ana +DELETE +/api/v1/staff/eko +200' \
    "aspirasictl audit --actor: the revocation"

"$CTL" -c "$CONF" info set jam "Sekretariat buka Senin-Jumat 08.00-15.00" >/dev/null 2>&1
"$CTL" -c "$CONF" info remove nothing >/dev/null 2>&1
out=$("$CTL" -c "$CONF" audit --limit 5)
like "$out" 'cli:[a-z0-9_-]+ +CLI +info set .*"args": \["jam", "Sekretariat buka' \
    "aspirasictl records its changes in the audit log, with the arguments"
unlike "$out" 'info remove' "a command that failed is not recorded"

grep -h -- "${ADMIN:4}" "$ASP_TMP"/*.log >/dev/null 2>&1
is "$?" 1 "no token appears in any log"
asp_check_logs
tap_done
