/*
 * Staff API tokens: "asp_" and 40 lower-case hex digits (160 random bits
 * from getrandom()).  The first 8 digits find the account; only the
 * SHA-256 of the whole token is stored, and it is compared in constant
 * time.
 */
#ifndef ASPIRASI_TOKEN_H
#define ASPIRASI_TOKEN_H

#include <stddef.h>

#define TOKEN_LEN        44 /* "asp_" + 40 hex digits */
#define TOKEN_PREFIX_LEN 8

/* Draws a new token into tok (TOKEN_LEN + 1 bytes).  Returns 0, or -1 when
 * the kernel's random source failed. */
int token_new(char tok[TOKEN_LEN + 1]);

/* Checks the form of tok (len bytes, not NUL-terminated) and copies its
 * lookup prefix into prefix.  Returns 0, or -1 when it is not a token. */
int token_prefix(const char *tok, size_t len, char prefix[TOKEN_PREFIX_LEN + 1]);

/* SHA-256 of tok (len bytes) into hash.  Returns 0 or -1. */
int token_hash(const char *tok, size_t len, unsigned char hash[32]);

/* 1 when the two hashes are equal, compared in constant time. */
int token_hash_equal(const unsigned char a[32], const unsigned char b[32]);

#endif
