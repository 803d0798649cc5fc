/*
** test_login_limit.c -- the login rate limit (serve/login_limit.c): an
** account's failures are its own, whatever other names and addresses
** fail beside it; failures count for the window; a success clears the
** account, not the address; a table full of live entries refuses what it
** cannot count, and frees itself as the window passes.
*/
#include <stdio.h>

#include "support.h"
#include "../../serve/login_limit.h"

static const long long T0 = 1800000000;

static void failed_once(login_limit *l, const char *address, const char *account, long long now) {
  login_limit_count(l, address, account, now, 1);
}

/* Four failures for alice, then one for each of 2,000 other names from
** as many addresses, then a fifth for alice: she is refused. Before, a
** name that landed in her slot reset her count. */
static void others_never_reset_an_account(void **state) {
  (void)state;
  login_limit *l = login_limit_new();
  assert_non_null(l);
  for (int i = 0; i < 4; i++)
    failed_once(l, "10.0.0.1", "alice", T0 + i);
  assert_false(login_limit_refuses(l, "10.0.0.1", "alice", T0 + 4));
  char name[32], address[32];
  for (int i = 0; i < 2000; i++) {
    snprintf(name, sizeof name, "user%d", i);
    snprintf(address, sizeof address, "10.1.%d.%d", i / 256, i % 256);
    failed_once(l, address, name, T0 + 5);
  }
  failed_once(l, "10.0.0.2", "alice", T0 + 6);
  assert_true(login_limit_refuses(l, "10.0.0.3", "alice", T0 + 7));
  assert_false(login_limit_refuses(l, "10.0.0.3", "bob", T0 + 7));
  /* the name alone is the key: "alice" and "alice " are two accounts */
  assert_false(login_limit_refuses(l, "10.0.0.3", "alice ", T0 + 7));
  login_limit_free(l);
}

static void failures_count_for_the_window(void **state) {
  (void)state;
  login_limit *l = login_limit_new();
  for (int i = 0; i < LOGIN_FAILS_PER_ACCOUNT; i++)
    failed_once(l, "10.0.0.1", "alice", T0);
  assert_true(login_limit_refuses(l, "10.0.0.1", "alice", T0 + LOGIN_FAIL_WINDOW));
  assert_false(login_limit_refuses(l, "10.0.0.1", "alice", T0 + LOGIN_FAIL_WINDOW + 1));
  login_limit_free(l);
}

/* A success clears the account's count, never the address's: an address
** guessing at many accounts is stopped at its own limit. */
static void success_clears_the_account_only(void **state) {
  (void)state;
  login_limit *l = login_limit_new();
  char name[32];
  for (int i = 0; i < LOGIN_FAILS_PER_ADDRESS - 1; i++) {
    snprintf(name, sizeof name, "guess%d", i);
    failed_once(l, "10.9.9.9", name, T0);
  }
  for (int i = 0; i < LOGIN_FAILS_PER_ACCOUNT - 1; i++)
    failed_once(l, "10.0.0.1", "alice", T0);
  login_limit_count(l, "10.9.9.9", "alice", T0, 0);     /* alice signs in */
  assert_false(login_limit_refuses(l, "10.0.0.1", "alice", T0));
  failed_once(l, "10.0.0.1", "alice", T0);
  assert_false(login_limit_refuses(l, "10.0.0.1", "alice", T0));   /* one, not five */
  assert_false(login_limit_refuses(l, "10.9.9.9", "carol", T0));
  failed_once(l, "10.9.9.9", "carol", T0);                   /* the address's 20th */
  assert_true(login_limit_refuses(l, "10.9.9.9", "dave", T0));
  assert_false(login_limit_refuses(l, "10.0.0.1", "dave", T0));
  login_limit_free(l);
}

/* A flood of names and addresses fills the table: whatever it cannot
** count is refused, what it counts keeps its count, and once the window
** has passed every key has room again. */
static void a_full_table_fails_closed(void **state) {
  (void)state;
  login_limit *l = login_limit_new();
  failed_once(l, "10.0.0.1", "alice", T0);
  char name[32];
  for (int i = 0; i < 40000; i++) {
    snprintf(name, sizeof name, "flood%d", i);
    failed_once(l, name, name, T0);
  }
  int refused = 0;
  for (int i = 0; i < 200; i++) {
    snprintf(name, sizeof name, "new%d", i);
    refused += login_limit_refuses(l, "10.0.0.1", name, T0 + 1);
  }
  assert_true(refused > 0);
  for (int i = 1; i < LOGIN_FAILS_PER_ACCOUNT; i++)
    failed_once(l, "10.0.0.1", "alice", T0 + 1);
  assert_true(login_limit_refuses(l, "10.0.0.1", "alice", T0 + 1));
  for (int i = 0; i < 200; i++) {
    snprintf(name, sizeof name, "new%d", i);
    assert_false(login_limit_refuses(l, "10.0.0.1", name, T0 + LOGIN_FAIL_WINDOW + 2));
  }
  login_limit_free(l);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(others_never_reset_an_account),
    cmocka_unit_test(failures_count_for_the_window),
    cmocka_unit_test(success_clears_the_account_only),
    cmocka_unit_test(a_full_table_fails_closed),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
