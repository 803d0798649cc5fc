/*
** cmd_db_anchor.c -- what ties a store's log to something outside it:
** `threshold db keygen` (an Ed25519 key pair in two files), `db checkpoint`
** (sign the log's head into the log), `db head` (the head to keep
** elsewhere); `db verify --key` and `--head` read what these give.
*/
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "threshold_store.h"
#include "cli.h"

static const char keygen_usage[] =
  "usage: threshold db keygen KEYFILE\n"
  "  writes a new signing key to KEYFILE (owner-only; keep it away from the\n"
  "  store) and its public key to KEYFILE.pub (give it to whoever verifies:\n"
  "  threshold db verify STORE --key KEYFILE.pub).\n";

/* Write text to a new file; never over an existing one or a link. */
static int write_new(const char *path, const char *text, mode_t mode) {
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode);
  if (fd < 0) {
    cli_error("db keygen: %s: %s%s", path, strerror(errno),
              errno == EEXIST ? " (a key is never overwritten)" : "");
    return -1;
  }
  size_t n = strlen(text);
  int ok = write(fd, text, n) == (ssize_t)n && write(fd, "\n", 1) == 1;
  ok = close(fd) == 0 && ok;
  if (!ok) {
    cli_error("db keygen: %s: %s", path, strerror(errno));
    unlink(path);
  }
  return ok ? 0 : -1;
}

int cmd_db_keygen(int argc, char **argv) {
  if (argc != 2 || argv[1][0] == '-') {
    fputs(keygen_usage, argc == 2 && !strcmp(argv[1], "--help") ? stdout : stderr);
    return argc == 2 && !strcmp(argv[1], "--help") ? EXIT_GOOD : EXIT_USAGE;
  }
  char secret[129], public_key[65];
  if (th_store_keypair(secret, public_key) != TH_OK) {
    cli_error("db keygen: no key could be made (no randomness to be had)");
    return EXIT_USAGE;
  }
  size_t n = strlen(argv[1]);
  char *pub = malloc(n + 5);
  int rc = EXIT_USAGE;
  if (pub == NULL) {
    cli_error("out of memory");
  } else {
    memcpy(pub, argv[1], n);
    memcpy(pub + n, ".pub", 5);
    if (write_new(argv[1], secret, 0600) == 0) {
      if (write_new(pub, public_key, 0644) == 0) {
        printf("signing key: %s (keep it outside the store)\npublic key: %s %s\n",
               argv[1], pub, public_key);
        rc = EXIT_GOOD;
      } else {
        unlink(argv[1]);
      }
    }
  }
  memset(secret, 0, sizeof secret);
  free(pub);
  return rc;
}

/*
** A key: 64 or 128 hex digits given as they are, or the first line of the
** file that holds them. A signing key's file must be the owner's alone.
** malloc'ed, or NULL with the error said.
*/
char *db_read_key(const char *cmd, const char *arg, int secret) {
  size_t want = secret ? 128 : 64;
  if (strlen(arg) == want && strspn(arg, "0123456789abcdef") == want)
    return strdup(arg);
  FILE *f = fopen(arg, "r");
  struct stat st;
  if (f == NULL) {
    cli_error("db %s: %s: %s", cmd, arg, strerror(errno));
    return NULL;
  }
  if (secret && fstat(fileno(f), &st) == 0 && (st.st_mode & 077) != 0) {
    cli_error("db %s: %s: the signing key is readable by others (chmod 600 it)", cmd, arg);
    fclose(f);
    return NULL;
  }
  char *line = NULL;
  size_t cap = 0;
  ssize_t len = getline(&line, &cap, f);
  fclose(f);
  while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
    line[--len] = '\0';
  if (len != (ssize_t)want || strspn(line, "0123456789abcdef") != want) {
    cli_error("db %s: %s: not a %s key (%zu hex digits, as db keygen writes it)",
              cmd, arg, secret ? "signing" : "public", want);
    if (line)
      memset(line, 0, cap);
    free(line);
    return NULL;
  }
  return line;
}
