/*
** anchor.c -- what ties the log to something outside the file. Anyone
** who can write the store can drop its triggers and rebuild the whole hash
** chain; they cannot sign with a key the store does not hold. A checkpoint
** is a log entry carrying an Ed25519 signature (libsodium) of the entry
** before it: its number and hash. `db verify --key` checks every
** checkpoint of that public key, so a rebuilt chain, or one that lost its
** checkpoints, shows. The head (`db head`), printed and kept elsewhere,
** does the same without a key.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "store.h"

/* What a checkpoint signs: a fixed label, the entry number, its hash. */
static int signed_message(long long seq, const char *hash, char *buf, size_t n) {
  int len = snprintf(buf, n, "threshold log checkpoint 1\n%lld\n%s", seq, hash);
  return len > 0 && (size_t)len < n ? len : -1;
}

static int hex_exact(const char *hex, unsigned char *bin, size_t n) {
  size_t got = 0;
  if (hex == NULL || strlen(hex) != 2 * n || strspn(hex, "0123456789abcdef") != 2 * n)
    return 0;
  return sodium_hex2bin(bin, n, hex, 2 * n, NULL, &got, NULL) == 0 && got == n;
}

int ths_public_key_valid(const char *key) {
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  return hex_exact(key, pk, sizeof pk);
}

int ths_checkpoint_valid(const char *key, long long seq, const char *hash,
                         const char *signature) {
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sig[crypto_sign_BYTES];
  char msg[128];
  int len = signed_message(seq, hash, msg, sizeof msg);
  if (sodium_init() < 0 || len < 0 || !hex_exact(key, pk, sizeof pk) ||
      !hex_exact(signature, sig, sizeof sig))
    return 0;
  return crypto_sign_verify_detached(sig, (const unsigned char *)msg,
                                     (unsigned long long)len, pk) == 0;
}

int th_store_keypair(char secret_key[129], char public_key[65]) {
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  if (secret_key == NULL || public_key == NULL)
    return TH_MISUSE;
  if (sodium_init() < 0 || crypto_sign_keypair(pk, sk) != 0)
    return TH_ERROR;
  sodium_bin2hex(secret_key, 129, sk, sizeof sk);
  sodium_bin2hex(public_key, 65, pk, sizeof pk);
  sodium_memzero(sk, sizeof sk);
  return TH_OK;
}

/* The log's last entry: its number (0 for an empty log) and hash. */
static int last_entry(th_store *s, long long *seq, char hash[65]) {
  sqlite3_stmt *st = NULL;
  *seq = 0;
  memset(hash, '0', 64);
  hash[64] = '\0';
  if (sqlite3_prepare_v2(s->db, "SELECT seq, hash FROM log ORDER BY seq DESC LIMIT 1",
                         -1, &st, NULL) != SQLITE_OK)
    return ths_dberr(s, "the log's head");
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    *seq = sqlite3_column_int64(st, 0);
    snprintf(hash, 65, "%s", (const char *)sqlite3_column_text(st, 1));
  }
  sqlite3_finalize(st);
  return rc == SQLITE_ROW || rc == SQLITE_DONE ? TH_OK : ths_dberr(s, "the log's head");
}

int th_store_head(th_store *s, char **head) {
  if (head)
    *head = NULL;
  if (s == NULL || head == NULL)
    return s ? ths_err(s, TH_MISUSE, "head: bad arguments") : TH_MISUSE;
  long long seq;
  char hash[65];
  int rc = last_entry(s, &seq, hash);
  if (rc != TH_OK)
    return rc;
  if (seq == 0)
    return ths_err(s, TH_MISUSE, "head: the log is empty");
  char text[96];
  snprintf(text, sizeof text, "%lld:%s", seq, hash);
  return ths_give(s, json_pack("{s:I, s:s, s:s}", "seq", (json_int_t)seq,
                               "hash", hash, "head", text), head);
}

int th_store_checkpoint(th_store *s, const char *secret_key, const char *at,
                        char **entry) {
  unsigned char sk[crypto_sign_SECRETKEYBYTES], pk[crypto_sign_PUBLICKEYBYTES];
  unsigned char sig[crypto_sign_BYTES];
  if (entry)
    *entry = NULL;
  if (s == NULL || secret_key == NULL || at == NULL || entry == NULL)
    return s ? ths_err(s, TH_MISUSE, "checkpoint: bad arguments") : TH_MISUSE;
  if (sodium_init() < 0)
    return ths_err(s, TH_ERROR, "checkpoint: the signature library did not start");
  if (!hex_exact(secret_key, sk, sizeof sk))
    return ths_err(s, TH_MISUSE, "checkpoint: the secret key must be 128 hex "
                   "digits, as db keygen writes it");
  crypto_sign_ed25519_sk_to_pk(pk, sk);
  int rc = ths_exec(s, "BEGIN IMMEDIATE");
  long long seq = 0, at_seq = 0;
  char hash[65], msg[128], sig_hex[2 * crypto_sign_BYTES + 1];
  char pk_hex[2 * crypto_sign_PUBLICKEYBYTES + 1];
  if (rc == TH_OK)
    rc = last_entry(s, &seq, hash);
  if (rc == TH_OK && seq == 0)
    rc = ths_err(s, TH_MISUSE, "checkpoint: the log is empty; there is nothing to sign");
  int len = rc == TH_OK ? signed_message(seq, hash, msg, sizeof msg) : -1;
  json_t *body = NULL;
  if (len > 0) {
    crypto_sign_detached(sig, NULL, (const unsigned char *)msg,
                         (unsigned long long)len, sk);
    sodium_bin2hex(sig_hex, sizeof sig_hex, sig, sizeof sig);
    sodium_bin2hex(pk_hex, sizeof pk_hex, pk, sizeof pk);
    body = json_pack("{s:s, s:I, s:s, s:s, s:s, s:s}", "kind", "checkpoint",
                     "seq", (json_int_t)seq, "hash", hash, "key", pk_hex,
                     "signature", sig_hex, "at", at);
    rc = body ? ths_log(s, "checkpoint", NULL, body, &at_seq)
              : ths_err(s, TH_NOMEM, "out of memory");
  }
  sodium_memzero(sk, sizeof sk);
  rc = rc == TH_OK ? ths_exec(s, "COMMIT") : rc;
  if (rc != TH_OK) {
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    json_decref(body);
    return rc;
  }
  json_object_set_new(body, "entry", json_integer(at_seq));
  return ths_give(s, body, entry);
}
