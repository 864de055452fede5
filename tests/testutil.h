/* testutil.h - the tiny test protocol every test program speaks: one line
 * "ok - name" or "not ok - name: detail" per check; tests/run.sh counts them.
 * A program exits 1 when any of its checks failed. */
#ifndef LOKET_TESTUTIL_H
#define LOKET_TESTUTIL_H

#include <stdio.h>
#include <string.h>

static int t_failed_count;
static int t_passed_count;

#define T_OK(name) do { printf("ok - %s\n", (name)); t_passed_count++; } while (0)
#define T_FAIL(name, ...) do { printf("not ok - %s: ", (name)); printf(__VA_ARGS__); \
		printf("\n"); t_failed_count++; } while (0)

/* CHECK(cond, name-format, ...): records one check named by the format. */
#define CHECK(cond, ...) do { char t_name_[512]; snprintf(t_name_, sizeof t_name_, __VA_ARGS__); \
		if (cond) T_OK(t_name_); else T_FAIL(t_name_, "%s (%s:%d)", #cond, __FILE__, __LINE__); } while (0)

/* CHECK_STR(got, want, name-format, ...): string equality with both shown on failure. */
#define CHECK_STR(got, want, ...) do { char t_name_[512]; snprintf(t_name_, sizeof t_name_, __VA_ARGS__); \
		const char *t_g_ = (got), *t_w_ = (want); \
		if (t_g_ && t_w_ && strcmp(t_g_, t_w_) == 0) T_OK(t_name_); \
		else T_FAIL(t_name_, "got [%s] want [%s]", t_g_ ? t_g_ : "(null)", t_w_ ? t_w_ : "(null)"); } while (0)

#define CHECK_INT(got, want, ...) do { char t_name_[512]; snprintf(t_name_, sizeof t_name_, __VA_ARGS__); \
		long long t_g_ = (long long)(got), t_w_ = (long long)(want); \
		if (t_g_ == t_w_) T_OK(t_name_); else T_FAIL(t_name_, "got %lld want %lld", t_g_, t_w_); } while (0)

#define T_EXIT() do { fflush(stdout); return t_failed_count ? 1 : 0; } while (0)

#endif
