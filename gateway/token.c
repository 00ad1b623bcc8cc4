/*
 * Staff API tokens (gateway/token.h), with OpenSSL's SHA-256 and its
 * constant-time comparison.
 */
#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "gateway/token.h"

#define TOKEN_TAG "asp_"

int
token_new(char tok[TOKEN_LEN + 1])
{
    static const char hex[] = "0123456789abcdef";
    unsigned char raw[20];
    size_t got = 0;

    while (got < sizeof(raw)) {
        ssize_t n = getrandom(raw + got, sizeof(raw) - got, 0);

        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        got += (size_t)n;
    }
    memcpy(tok, TOKEN_TAG, 4);
    for (size_t i = 0; i < sizeof(raw); i++) {
        tok[4 + 2 * i] = hex[raw[i] >> 4];
        tok[4 + 2 * i + 1] = hex[raw[i] & 15];
    }
    tok[TOKEN_LEN] = '\0';
    return 0;
}

int
token_prefix(const char *tok, size_t len, char prefix[TOKEN_PREFIX_LEN + 1])
{
    if (len != TOKEN_LEN || memcmp(tok, TOKEN_TAG, 4) != 0)
        return -1;
    for (size_t i = 4; i < len; i++)
        if (!((tok[i] >= '0' && tok[i] <= '9') || (tok[i] >= 'a' && tok[i] <= 'f')))
            return -1;
    memcpy(prefix, tok + 4, TOKEN_PREFIX_LEN);
    prefix[TOKEN_PREFIX_LEN] = '\0';
    return 0;
}

int
token_hash(const char *tok, size_t len, unsigned char hash[32])
{
    unsigned int n = 0;

    if (EVP_Digest(tok, len, hash, &n, EVP_sha256(), NULL) != 1 || n != 32)
        return -1;
    return 0;
}

int
token_hash_equal(const unsigned char a[32], const unsigned char b[32])
{
    return CRYPTO_memcmp(a, b, 32) == 0;
}
