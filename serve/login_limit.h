/*
** login_limit.h -- the login rate limit: failed sign-ins counted per
** account and per address over a window, in one table a process shares
** between its threads.
*/
#ifndef THRESHOLD_LOGIN_LIMIT_H
#define THRESHOLD_LOGIN_LIMIT_H

#define LOGIN_FAIL_WINDOW (15 * 60)   /* seconds a failure counts for */
#define LOGIN_FAILS_PER_ACCOUNT 5
#define LOGIN_FAILS_PER_ADDRESS 20

typedef struct login_limit login_limit;

/* A new, empty table; NULL without memory. */
login_limit *login_limit_new(void);
void login_limit_free(login_limit *l);

/* 1 if a sign-in from address as account must be refused at time now
** (seconds): the account has had LOGIN_FAILS_PER_ACCOUNT failures in the
** window, or the address LOGIN_FAILS_PER_ADDRESS, or one of them cannot
** be counted because the table is full of live entries (it fails closed). */
int login_limit_refuses(login_limit *l, const char *address, const char *account,
                        long long now);

/* A sign-in was tried: a failure counts against both; a success clears
** the account's count (not the address's). */
void login_limit_count(login_limit *l, const char *address, const char *account,
                       long long now, int failed);

#endif
